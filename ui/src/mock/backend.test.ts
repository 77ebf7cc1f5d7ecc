import { describe, expect, test } from "vitest";
import { MockBackend } from "./backend";
import type { ContactInput, IpcError, JobInput } from "../lib/api";

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
    hoursPerWeek: 20, hourlyWage: null, permanent: false, competitive: true, wageSubsidy: false, endReason: null,
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
