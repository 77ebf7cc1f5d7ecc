import { describe, expect, test } from "vitest";
import { MockBackend } from "./backend";
import type { Client, ConflictView, IpcError, SyncStatus } from "../lib/api";

const now = new Date(2026, 10, 18, 10, 0);
const enrolInput = (patch: Record<string, unknown> = {}) => ({
  input: { serverUrl: "https://polku.example", code: "GOOD-CODE-1234", deviceName: "Polku laptop", ...patch },
});

function rejection(run: () => unknown): IpcError {
  try {
    run();
  } catch (e) {
    return e as IpcError;
  }
  throw new Error("expected a rejection");
}

function enrolled() {
  const backend = new MockBackend({ demo: true, now });
  backend.handle("sync_enrol", enrolInput());
  backend.handle("sync_now");
  return backend;
}

const status = (backend: MockBackend) => backend.handle("sync_status") as SyncStatus;

describe("mock sync: enrolment", () => {
  test("a new device is not enrolled", () => {
    expect(status(new MockBackend())).toMatchObject({ state: "not_enrolled", serverUrl: null, conflicts: 0 });
  });

  test("the good code connects whatever its case and spacing, and names the user", () => {
    const backend = new MockBackend({ demo: true, now });
    const answer = backend.handle("sync_enrol", enrolInput({ code: " good-code-1234 ", serverUrl: "https://polku.example/" }));
    expect(answer).toMatchObject({ state: "online", serverUrl: "https://polku.example", userName: "Laura Demo" });
  });

  test("a wrong code is refused as sync_bad_code and leaves the device unenrolled", () => {
    const backend = new MockBackend();
    expect(rejection(() => backend.handle("sync_enrol", enrolInput({ code: "NOPE" })))).toMatchObject({ code: "sync_bad_code", fields: [] });
    expect(status(backend).state).toBe("not_enrolled");
  });

  test("an address that is not http or https is a validation error on serverUrl", () => {
    const backend = new MockBackend();
    for (const serverUrl of ["polku.example", "ftp://polku.example", ""]) {
      expect(rejection(() => backend.handle("sync_enrol", enrolInput({ serverUrl })))).toMatchObject({
        code: "validation", fields: [{ field: "serverUrl", code: "invalid" }],
      });
    }
  });

  test("an unreadable input is reported like any other command's", () => {
    const e = rejection(() => new MockBackend().handle("sync_enrol", { input: { serverUrl: "https://x", code: null, deviceName: "" } }));
    expect(e.fields).toEqual([{ field: "code", code: "required" }]);
  });

  test("an unreachable server refuses enrolment as sync_offline", () => {
    const backend = new MockBackend();
    backend.sync.reachable = false;
    expect(rejection(() => backend.handle("sync_enrol", enrolInput())).code).toBe("sync_offline");
  });
});

describe("mock sync: rounds", () => {
  test("records written since the last round are pending until the next one sends them", () => {
    const backend = enrolled();
    expect(backend.handle("sync_pending_ids")).toEqual([]);
    const created = backend.handle("employer_create", { input: { name: "Lidl", businessId: null, sector: "", location: "" } }) as { id: string };
    const aino = backend.clients[0];
    backend.handle("client_update", { id: aino.id, input: { ...aino } });
    expect(backend.handle("sync_pending_ids")).toEqual([created.id, aino.id]);
    expect(status(backend).pending).toBe(2);
    const after = backend.handle("sync_now") as SyncStatus;
    expect(after).toMatchObject({ state: "online", pending: 0, lastError: null, lastSyncAt: now.toISOString() });
  });

  test("an unreachable server makes the device offline and keeps the records waiting", () => {
    const backend = enrolled();
    backend.handle("employer_create", { input: { name: "Lidl", businessId: null, sector: "", location: "" } });
    backend.sync.reachable = false;
    expect(backend.handle("sync_now")).toMatchObject({ state: "offline", pending: 1, lastError: { code: "offline" } });
  });

  test("a refusal gets the device stuck; a revoked device stops and says so", () => {
    const backend = enrolled();
    backend.sync.refusal = { code: "record_forbidden", message: "" };
    expect(backend.handle("sync_now")).toMatchObject({ state: "stuck", lastError: { code: "record_forbidden" } });
    backend.sync.revoked = true;
    expect(backend.handle("sync_now")).toMatchObject({ state: "revoked", lastError: { code: "device_revoked" } });
  });
});

describe("mock sync: conflicts", () => {
  test("seeded conflicts are listed and counted until resolved", () => {
    const backend = enrolled();
    backend.seedConflicts();
    const list = backend.handle("conflicts_list") as ConflictView[];
    expect(list.map((c) => `${c.entity}.${c.field}`)).toEqual(["client.notes", "client.stage", "employer.location"]);
    expect(status(backend).conflicts).toBe(3);
    expect(backend.handle("conflict_resolve", { id: list[1].id, resolution: { choice: "kept" } })).toBeNull();
    expect((backend.handle("conflicts_list") as ConflictView[]).map((c) => c.id)).toEqual([list[0].id, list[2].id]);
  });

  test("using the other value or an edited one writes it into the record, to be sent", () => {
    const backend = enrolled();
    const [notes] = backend.seedConflicts();
    backend.handle("conflict_resolve", { id: notes.id, resolution: { choice: "edited", value: "Both notes." } });
    const aino = backend.handle("client_get", { id: notes.recordId }) as Client;
    expect(aino.notes).toBe("Both notes.");
    expect(backend.handle("sync_pending_ids")).toEqual([aino.id]);
  });

  test("an unknown conflict is not found; an unknown choice is invalid", () => {
    const backend = enrolled();
    const [notes] = backend.seedConflicts();
    expect(rejection(() => backend.handle("conflict_resolve", { id: "nope", resolution: { choice: "kept" } })).code).toBe("not_found");
    expect(rejection(() => backend.handle("conflict_resolve", { id: notes.id, resolution: { choice: "both" } })).fields)
      .toEqual([{ field: "choice", code: "invalid" }]);
  });
});
