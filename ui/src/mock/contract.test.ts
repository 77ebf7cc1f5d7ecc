import { describe, expect, test, vi } from "vitest";
import { MockBackend, REFUSALS, sessions, type RecordedCall } from "./backend";
import { unanswered } from "./unanswered";

// The mock's whole contract: it answers what Rust answered. Every recorded call of every
// session, replayed in order through a fresh mock of that session, must come back exactly as
// recorded; so must every input of the refusal table, in any session.

/** What the mock answered: `{ok}` or `{err}`, in the recording's shape. */
function replay(backend: MockBackend, call: Pick<RecordedCall, "cmd" | "args">): { ok?: unknown; err?: unknown } {
  try {
    return { ok: backend.handle(call.cmd, call.args) };
  } catch (err) {
    return { err };
  }
}

const recorded = (call: RecordedCall) => (call.err !== undefined ? { err: call.err } : { ok: call.ok ?? null });
const refusals = sessions[REFUSALS].calls;

describe("the mock answers as Rust did", () => {
  test.each(Object.keys(sessions))("every call of session %s, replayed in order, gets its recorded answer", (name) => {
    const backend = new MockBackend(name);
    for (const call of sessions[name].calls) {
      expect({ cmd: call.cmd, args: call.args, ...replay(backend, call) }).toEqual({ cmd: call.cmd, args: call.args, ...recorded(call) });
    }
  });

  test("the refusal table covers every command that takes input", () => {
    expect(new Set(refusals.map((c) => c.cmd))).toEqual(
      new Set(["client_create", "client_update", "client_get", "client_close", "employer_create", "employer_update",
        "contact_create", "job_create", "support_create", "settings_update", "review_start", "review_rate",
        "review_note", "review_action_add", "review_get", "review_export", "quarterly_outcomes", "outcomes_export",
        "demo_load", "sync_enrol", ...refusals.map((c) => c.cmd)]),
    );
    expect(refusals.length).toBeGreaterThan(100);
    expect(refusals.every((c) => c.err !== undefined)).toBe(true);
  });

  test.each(["demo", "sync-online"])("every refused input is refused with Rust's error in session %s, changing nothing", (name) => {
    const backend = new MockBackend(name);
    for (const call of refusals) {
      expect({ cmd: call.cmd, args: call.args, ...replay(backend, call) }).toEqual({ cmd: call.cmd, args: call.args, err: call.err });
    }
    expect(backend.writes).toBe(0);
  });
});

describe("the mock keeps state, not rules", () => {
  const demo = sessions.demo.calls;
  const first = (cmd: string) => demo.find((c) => c.cmd === cmd && c.args !== null)!;

  test("arguments match whatever order their keys were written in", () => {
    const call = first("clients_list");
    const shuffled = Object.fromEntries(Object.entries(call.args as object).reverse());
    expect(new MockBackend().handle(call.cmd, shuffled)).toEqual(call.ok);
  });

  test("a call it has no recording of is refused as unavailable, naming the call and the state", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const backend = new MockBackend();
    const message =
      'mock: no recording of client_get {"id":"nobody"} in session demo after 0 writes — record it in tests/fixtures/sessions.rs';
    expect(() => backend.handle("client_get", { id: "nobody" })).toThrow(expect.objectContaining({ code: "unavailable", message, fields: [] }));
    expect(error).toHaveBeenCalledWith(message);
    // Noted for the test set-up, which fails any other test that makes such a call.
    expect(unanswered.splice(0)).toEqual([message]);
    error.mockRestore();
  });

  test("a recorded write moves it to the next state, where reads answer what Rust read after the write", () => {
    const empty = sessions.empty.calls;
    const load = empty.find((c) => c.cmd === "demo_load")!;
    const today = (writes: number) => empty.find((c) => c.cmd === "today" && c.writes === writes)!.ok;
    const backend = new MockBackend("empty");
    expect(backend.handle("today")).toEqual(today(0));
    expect(backend.handle("demo_load")).toEqual(load.ok);
    expect(backend.writes).toBe(1);
    expect(backend.handle("today")).toEqual(today(1));
    // A read not recorded again after the write is the newest one from before it.
    expect(backend.handle("scales_list")).toEqual(empty.find((c) => c.cmd === "scales_list")!.ok);
  });

  test("a session answers its base session's reads until it records its own", () => {
    const online = new MockBackend("sync-online");
    const status = sessions["sync-online"].calls.find((c) => c.cmd === "sync_status")!.ok;
    expect(online.handle("sync_status")).toEqual(status);
    expect(online.handle("today")).toEqual(demo.find((c) => c.cmd === "today")!.ok);
  });

  test("settings are stored as the UI sends them; a refused change keeps the stored ones", () => {
    const backend = new MockBackend();
    const recorded = demo.find((c) => c.cmd === "settings_get")!.ok;
    expect(backend.handle("settings_get")).toEqual(recorded);
    const refused = refusals.find((c) => c.cmd === "settings_update")!;
    expect(() => backend.handle("settings_update", refused.args)).toThrow(expect.objectContaining(refused.err as object));
    const next = { language: "sv", coachName: "Laura Demo", fte: 0.8, lastView: "caseload" };
    expect(backend.handle("settings_update", { settings: next })).toEqual(next);
    expect(backend.handle("settings_get")).toEqual(next);
  });

  test("drafts are a plain store, and every call the UI sent is logged as it crossed", () => {
    const backend = new MockBackend("demo", {
      drafts: [{ key: "client-new", form: "client", payload: { values: { name: "Eero" } }, updatedAt: "" }],
    });
    expect(backend.handle("drafts_list")).toMatchObject([{ key: "client-new" }]);
    backend.handle("draft_save", { key: "contact-quick", form: "contact", payload: { values: { notes: "soita" } } });
    backend.handle("draft_discard", { key: "client-new" });
    expect(backend.handle("drafts_list")).toMatchObject([{ key: "contact-quick", form: "contact", payload: { values: { notes: "soita" } } }]);
    expect(backend.calls.map((c) => c.cmd)).toEqual(["drafts_list", "draft_save", "draft_discard", "drafts_list"]);
    expect(backend.sent("draft_discard")).toEqual([{ key: "client-new" }]);
  });
});
