import { describe, expect, test } from "vitest";
import { MockBackend } from "./backend";
import type { ContactInput, IpcError, JobInput, QuarterOutcomes } from "../lib/api";

// Wednesday 2026-11-18, 10:00 local time.
const now = new Date(2026, 10, 18, 10, 0);

function rejection(run: () => unknown): IpcError {
  try {
    run();
  } catch (e) {
    return e as IpcError;
  }
  throw new Error("expected a rejection");
}

function demo() {
  const backend = new MockBackend({ demo: true, now });
  const client = backend.clients[0];
  const employer = backend.employers[0];
  const job = (patch: Record<string, unknown> = {}): JobInput => ({
    clientId: client.id, employerId: employer.id, jobType: "Myyjä", startDate: "2026-11-02", endDate: null,
    hoursPerWeek: 20, hourlyWage: null, permanent: false, competitive: true, wageSubsidy: false, started: true, endReason: null,
    ...patch,
  } as JobInput);
  const contact = (patch: Record<string, unknown> = {}): ContactInput => ({
    employerId: employer.id, newEmployer: null, occurredAt: "2026-11-18T09:00", contactPerson: "", contactRole: "",
    mode: "face_to_face", clientIds: [], clientPresent: false, purposes: [], outcome: null, nextStep: "",
    nextStepDue: null, notes: "", ...patch,
  } as ContactInput);
  return { backend, client, employer, job, contact };
}

describe("mock backend reads inputs like Rust", () => {
  test("a cleared date is the only field reported, as required", () => {
    const { backend, job } = demo();
    const e = rejection(() => backend.handle("job_create", { input: job({ startDate: "", jobType: "" }) }));
    expect(e).toMatchObject({ code: "validation", fields: [{ field: "startDate", code: "required" }] });
  });

  test("hours that are not a number cross IPC as null and are required", () => {
    const { backend, job } = demo();
    const e = rejection(() => backend.handle("job_create", { input: job({ hoursPerWeek: Number.NaN }) }));
    expect(e.fields).toEqual([{ field: "hoursPerWeek", code: "required" }]);
  });

  test("an unreadable value that is not blank is invalid; a missing field is required", () => {
    const { backend, job, contact } = demo();
    expect(rejection(() => backend.handle("job_create", { input: job({ startDate: "2.11.2026" }) })).fields)
      .toEqual([{ field: "startDate", code: "invalid" }]);
    expect(rejection(() => backend.handle("contact_create", { input: contact({ mode: "carrier_pigeon" }) })).fields)
      .toEqual([{ field: "mode", code: "invalid" }]);
    const { jobType: _, ...withoutType } = job();
    expect(rejection(() => backend.handle("job_create", { input: withoutType })).fields)
      .toEqual([{ field: "jobType", code: "required" }]);
  });

  test("an empty employer id is required, a blank contact time is required", () => {
    const { backend, job, contact } = demo();
    expect(rejection(() => backend.handle("job_create", { input: job({ employerId: "" }) })).fields)
      .toEqual([{ field: "employerId", code: "required" }]);
    expect(rejection(() => backend.handle("contact_create", { input: contact({ occurredAt: "" }) })).fields)
      .toEqual([{ field: "occurredAt", code: "required" }]);
    expect(rejection(() => backend.handle("client_close", { id: "x", input: { dischargeDate: "", dischargeReason: "Muutto" } })).fields)
      .toEqual([{ field: "dischargeDate", code: "required" }]);
  });

  test("fields that read are checked by the domain rules, all problems at once", () => {
    const { backend, job } = demo();
    const e = rejection(() => backend.handle("job_create", { input: job({ jobType: " ", hoursPerWeek: -1, endDate: "2026-11-01" }) }));
    expect(e.fields).toEqual([
      { field: "jobType", code: "required" },
      { field: "hoursPerWeek", code: "negative" },
      { field: "endDate", code: "ends_before_start" },
    ]);
  });

  test("an inline new employer without a name is reported under newEmployer.name", () => {
    const { backend, contact } = demo();
    const input = contact({ employerId: null, newEmployer: { name: "", businessId: null, sector: "", location: "" } });
    expect(rejection(() => backend.handle("contact_create", { input })).fields).toEqual([{ field: "newEmployer.name", code: "required" }]);
  });

  test("client present without a client is contradictory; a due date needs no next step", () => {
    const { backend, contact } = demo();
    expect(rejection(() => backend.handle("contact_create", { input: contact({ clientPresent: true }) })).fields)
      .toEqual([{ field: "clientPresent", code: "invalid" }]);
    const saved = backend.handle("contact_create", { input: contact({ nextStepDue: "2026-11-20" }) });
    expect(saved).toMatchObject({ nextStep: "", nextStepDue: "2026-11-20" });
  });

  test("milestones in the future are too far in the future (there is no in_future)", () => {
    const { backend } = demo();
    const input = {
      name: "Eero", responsibleProfessional: "", stage: "engagement", referralDate: null, entryDate: "2026-11-19",
      profileStartedDate: null, benefitsPlanningDate: null, disclosureDiscussedDate: null, employedAtEntry: false,
      preferences: "", notes: "",
    };
    expect(rejection(() => backend.handle("client_create", { input })).fields).toEqual([{ field: "entryDate", code: "too_far_in_future" }]);
  });

  test("settings fill in missing fields, and an emptied FTE is required", () => {
    const { backend } = demo();
    expect(backend.handle("settings_update", { settings: { coachName: "Laura" } })).toEqual({ language: "fi", coachName: "Laura", fte: 1, lastView: "today" });
    expect(rejection(() => backend.handle("settings_update", { settings: { language: "fi", coachName: "", fte: Number.NaN, lastView: "today" } })).fields)
      .toEqual([{ field: "fte", code: "required" }]);
  });
});

describe("mock backend views", () => {
  test("the week count covers the whole current week, Monday to Sunday", () => {
    const backend = new MockBackend({ now });
    backend.handle("settings_update", { settings: { language: "fi", coachName: "", fte: 1, lastView: "today" } });
    const employer = backend.handle("employer_create", { input: { name: "Kesko Oy", businessId: null, sector: "", location: "" } }) as { id: string };
    const add = (occurredAt: string, mode = "face_to_face") =>
      backend.handle("contact_create", {
        input: {
          employerId: employer.id, newEmployer: null, occurredAt, contactPerson: "", contactRole: "", mode, clientIds: [],
          clientPresent: false, purposes: [], outcome: null, nextStep: "", nextStepDue: null, notes: "",
        },
      });
    add("2026-11-15T12:00"); // Sunday before
    add("2026-11-16T08:00"); // Monday
    add("2026-11-18T09:00"); // today
    add("2026-11-18T12:00", "phone");
    add("2026-11-19T08:00"); // tomorrow, logged ahead
    expect(backend.handle("today")).toMatchObject({ weekStart: "2026-11-16", weekFaceToFace: 3 });
  });

  test("contact views carry the coach who recorded them, kept on edit", () => {
    const { backend, contact } = demo();
    backend.handle("settings_update", { settings: { language: "fi", coachName: "Laura Laine", fte: 1, lastView: "today" } });
    const saved = backend.handle("contact_create", { input: contact() }) as { id: string; coach: string };
    expect(saved.coach).toBe("Laura Laine");
    backend.handle("settings_update", { settings: { language: "fi", coachName: "Pekka", fte: 1, lastView: "today" } });
    expect(backend.handle("contact_update", { id: saved.id, input: contact({ notes: "x" }) })).toMatchObject({ coach: "Laura Laine" });
  });

  test("demo data loads only into an empty database", () => {
    const empty = new MockBackend({ now });
    expect(empty.handle("demo_load")).toMatchObject({ clients: 3 });
    expect(rejection(() => empty.handle("demo_load")).code).toBe("not_empty");
    const onlyEmployer = new MockBackend({ now });
    onlyEmployer.handle("employer_create", { input: { name: "Kesko Oy", businessId: null, sector: "", location: "" } });
    expect(rejection(() => onlyEmployer.handle("demo_load")).code).toBe("not_empty");
  });
});

describe("mock backend fidelity reviews", () => {
  const start = (backend: MockBackend) =>
    backend.handle("review_start", { input: { scaleId: "ips-25", kind: "self", periodFrom: "2026-05-18", periodTo: "2026-11-18", raters: "" } }) as { id: string };

  test("a rating must be of the item's kind and in range, like Rust", () => {
    const { backend } = demo();
    const { id } = start(backend);
    const rate = (item: string, rating: unknown) => rejection(() => backend.handle("review_rate", { id, input: { item, rating, suggested: null } }));
    expect(rate("S3", { kind: "anchored", value: 6 }).fields).toEqual([{ field: "rating", code: "invalid" }]);
    expect(rate("S1", { kind: "anchored", value: 3 }).fields).toEqual([{ field: "rating", code: "invalid" }]);
    expect(rate("O2", { kind: "components", value: ["no_such"] }).fields).toEqual([{ field: "rating", code: "invalid" }]);
    expect(rate("X9", { kind: "anchored", value: 3 }).fields).toEqual([{ field: "item", code: "invalid" }]);
    expect(rate("S3", { kind: "stars", value: 3 }).fields).toEqual([{ field: "rating", code: "invalid" }]);
  });

  test("a review period cannot end before it starts; the band shows only when complete", () => {
    const { backend } = demo();
    const e = rejection(() => backend.handle("review_start", { input: { scaleId: "ips-25", kind: "peer", periodFrom: "2026-11-01", periodTo: "2026-10-01", raters: "" } }));
    expect(e.fields).toEqual([{ field: "periodTo", code: "ends_before_start" }]);
    const { id } = start(backend);
    expect(backend.rateAll(id, () => 3, ["V14"]).summary).toMatchObject({ total: 72, rated: 24, band: null });
    expect(backend.rateAll(id, () => 3).summary).toMatchObject({ total: 75, complete: true, band: "fair" });
  });

  test("suggestions carry the figures behind them", () => {
    const { backend } = demo();
    const { id } = start(backend);
    const suggestions = backend.handle("review_suggestions", { id }) as { item: string; score: unknown; basis: unknown }[];
    expect(suggestions.find((s) => s.item === "S1")).toMatchObject({
      score: { kind: "points", value: 5 }, basis: { kind: "caseload", activeClients: 3, fte: 1, perFte: 3 },
    });
  });
});

describe("mock backend quarterly outcomes", () => {
  test("counts a quarter as Rust does: served, worked, starts, first jobs, 13-week retention", () => {
    const backend = new MockBackend({ demo: true, now });
    // Demo: Mikko (entered May) has held a competitive job since 2026-08-20; Aino entered in
    // September, Sara in October. Aino was working when she came in.
    backend.clients.find((c) => c.name === "Aino Virtanen")!.employedAtEntry = true;
    const q3 = backend.handle("quarterly_outcomes", { quarter: { year: 2026, quarter: 3 } }) as QuarterOutcomes;
    expect(q3).toMatchObject({
      served: 2, workedCompetitively: 1, employmentRate: 50, servedOutOfWorkAtEntry: 1, workedOutOfWorkAtEntry: 1,
      employmentRateOutOfWorkAtEntry: 100, newJobStarts: 1, intoFirstJob: 1, jobsOldEnough: 0, jobsKept13Weeks: 0,
    });
    const q4 = backend.handle("quarterly_outcomes", { quarter: { year: 2026, quarter: 4 } }) as QuarterOutcomes;
    expect(q4).toMatchObject({ served: 3, workedCompetitively: 1, newJobStarts: 0, intoFirstJob: 0, jobsOldEnough: 1, jobsKept13Weeks: 1 });
    expect(q4.employmentRate).toBeCloseTo(33.33, 1);
    const empty = backend.handle("quarterly_outcomes", { quarter: { year: 2020, quarter: 1 } }) as QuarterOutcomes;
    expect(empty.employmentRate).toBeNull();
  });

  test("a job that ended within 13 weeks is not kept; only contacts in the quarter's last 4 weeks make a client active", () => {
    const backend = new MockBackend({ demo: true, now });
    const mikko = backend.clients.find((c) => c.name === "Mikko Korhonen")!;
    backend.jobs[0].endDate = "2026-10-01";
    const q4 = backend.handle("quarterly_outcomes", { quarter: { year: 2026, quarter: 4 } }) as QuarterOutcomes;
    expect([q4.jobsOldEnough, q4.jobsKept13Weeks, q4.activeClients]).toEqual([1, 0, 0]);
    // In-work support on 20 September: inside Q3's last 28 days (3–30 Sept), long before Q4's.
    backend.handle("support_create", {
      input: { clientId: mikko.id, jobId: null, occurredAt: "2026-09-20T09:00", mode: "phone", withEmployer: false, notes: "" },
    });
    const q3 = backend.handle("quarterly_outcomes", { quarter: { year: 2026, quarter: 3 } }) as QuarterOutcomes;
    expect(q3.activeClients).toBe(1);
    const q4Again = backend.handle("quarterly_outcomes", { quarter: { year: 2026, quarter: 4 } }) as QuarterOutcomes;
    expect(q4Again.activeClients).toBe(0);
  });

  test("rejects a quarter outside 1–4 and exports to a path named after the quarter", () => {
    const backend = new MockBackend({ demo: true, now });
    const e = rejection(() => backend.handle("quarterly_outcomes", { quarter: { year: 2026, quarter: 5 } }));
    expect(e.fields).toEqual([{ field: "quarter", code: "out_of_range" }]);
    expect(backend.handle("outcomes_export", { quarter: { year: 2026, quarter: 4 }, format: "csv" })).toBe(
      "/home/coach/Documents/Polku/tulokset-2026-Q4.csv",
    );
  });
});
