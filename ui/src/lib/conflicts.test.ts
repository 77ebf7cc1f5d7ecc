import { beforeEach, describe, expect, test } from "vitest";
import { byRecord, conflictValue, editable, entityLabel, fieldLabel } from "./conflicts";
import type { ConflictView } from "./api";
import { setLanguage } from "../i18n/index.svelte";

type Patch = Partial<Omit<ConflictView, "kept" | "lost">> & { kept?: unknown; lost?: unknown };
const conflict = ({ kept = "a", lost = "b", ...rest }: Patch = {}): ConflictView => ({
  id: "c1", entity: "client", recordId: "r1", recordLabel: "Aino", field: "notes",
  ...rest,
  kept: { value: kept, writtenAt: "2026-11-18T08:00:00Z", thisDevice: false },
  lost: { value: lost, writtenAt: "2026-11-18T07:00:00Z", thisDevice: true },
});

beforeEach(() => setLanguage("en"));

describe("conflict wording", () => {
  test("names a field as its own form does, and falls back to the raw name", () => {
    expect(fieldLabel("client", "responsibleProfessional")).toBe("Responsible professional");
    expect(fieldLabel("employer_contact", "nextStepDue")).toBe("Next step due");
    expect(fieldLabel("client", "favouriteColour")).toBe("favouriteColour");
    expect(fieldLabel("spaceship", "name")).toBe("name");
    expect(entityLabel("employer_contact")).toBe("Employer contact");
    expect(entityLabel("spaceship")).toBe("Record");
  });

  test("shows values the way the screens do", () => {
    expect(conflictValue("employedAtEntry", true, "en-GB")).toBe("Yes");
    expect(conflictValue("hoursPerWeek", 37.5, "fi-FI")).toBe("37,5");
    expect(conflictValue("entryDate", "2026-03-05", "fi-FI")).toBe("5.3.2026");
    expect(conflictValue("purposes", ["learn_needs", "present_job_seeker"], "en-GB")).toBe("Learn the employer's needs, Present a job seeker");
    expect(conflictValue("notes", "", "en-GB")).toBe("(empty)");
    expect(conflictValue("notes", null, "en-GB")).toBe("(empty)");
  });

  test("offers editing only for free text", () => {
    expect(editable(conflict())).toBe(true);
    expect(editable(conflict({ lost: null }))).toBe(true);
    expect(editable(conflict({ field: "stage", kept: "support", lost: "engagement" }))).toBe(false);
    expect(editable(conflict({ field: "entryDate", kept: "2026-01-01", lost: "2026-01-02" }))).toBe(false);
    expect(editable(conflict({ field: "hoursPerWeek", kept: 20, lost: 30 }))).toBe(false);
  });

  test("groups conflicts by record in the order the records first appear", () => {
    const groups = byRecord([
      conflict({ id: "1", recordId: "a" }),
      conflict({ id: "2", entity: "employer", recordId: "a" }),
      conflict({ id: "3", recordId: "a", field: "name" }),
    ]);
    expect(groups.map((g) => [g.entity, g.conflicts.map((c) => c.id)])).toEqual([["client", ["1", "3"]], ["employer", ["2"]]]);
  });
});
