import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { createAutosave, drafts, discardDraft, initDrafts, restoreDraft } from "./drafts.svelte";

let calls: { cmd: string; args: Record<string, unknown> }[];

beforeEach(() => {
  vi.useFakeTimers();
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    return null;
  });
  initDrafts([]);
});
afterEach(() => vi.useRealTimers());

const blank = { name: "", notes: "" };
const payload = (values: typeof blank) => ({ mode: "new" as const, title: values.name, context: {}, values });
const saves = () => calls.filter((c) => c.cmd === "draft_save");

describe("draft autosave", () => {
  test("saves a draft 300 ms after the last change, not on every keystroke", async () => {
    const autosave = createAutosave("client-new", "client", blank);
    autosave.change(payload({ name: "E", notes: "" }));
    await vi.advanceTimersByTimeAsync(200);
    autosave.change(payload({ name: "Ee", notes: "" }));
    await vi.advanceTimersByTimeAsync(299);
    expect(saves()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves()).toHaveLength(1);
    expect(saves()[0].args).toMatchObject({ key: "client-new", form: "client", payload: { values: { name: "Ee" } } });
  });

  test("leaves no draft behind for a form nobody typed in", async () => {
    const autosave = createAutosave("client-new", "client", blank);
    autosave.change(payload({ ...blank }));
    await vi.advanceTimersByTimeAsync(1000);
    autosave.flush();
    expect(saves()).toHaveLength(0);
  });

  test("saves at once when the form loses focus or closes", async () => {
    const autosave = createAutosave("client-new", "client", blank);
    autosave.change(payload({ name: "Eero", notes: "" }));
    autosave.flush();
    expect(saves()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves()).toHaveLength(1);
  });

  test("discards the draft after a successful save and forgets any waiting change", async () => {
    const autosave = createAutosave("client-new", "client", blank);
    autosave.change(payload({ name: "Eero", notes: "" }));
    await autosave.discard();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves()).toHaveLength(0);
    expect(calls.map((c) => c.cmd)).toEqual(["draft_discard"]);
    expect(restoreDraft("client-new", blank)).toEqual(blank);
  });
});

describe("draft restore", () => {
  test("reopens a form with the stored draft laid over its blank values", () => {
    initDrafts([{ key: "client-new", form: "client", updatedAt: "", payload: payload({ name: "Eero", notes: "" }) }]);
    expect(restoreDraft("client-new", { ...blank, stage: "engagement" })).toEqual({ name: "Eero", notes: "", stage: "engagement" });
  });

  test("keeps typing that happened in this session for the next opening of the form", async () => {
    const autosave = createAutosave("contact-quick", "contact", blank);
    autosave.change(payload({ name: "Kesko", notes: "soita" }));
    autosave.flush();
    expect(restoreDraft("contact-quick", blank)).toEqual({ name: "Kesko", notes: "soita" });
  });

  test("discarding from the banner removes the draft from the list and the store", async () => {
    initDrafts([{ key: "client-new", form: "client", updatedAt: "", payload: payload({ name: "Eero", notes: "" }) }]);
    await discardDraft("client-new");
    expect(drafts.pending).toEqual([]);
    expect(calls).toEqual([{ cmd: "draft_discard", args: { key: "client-new" } }]);
  });
});

describe("draft write order", () => {
  // A backend whose draft_save answers late, as a busy disk would; draft_discard is quick.
  function slowBackend(saveMs: number) {
    const store = new Map<string, unknown>();
    const order: string[] = [];
    mockIPC((cmd, args) => {
      const a = args as { key: string; payload?: unknown };
      order.push(`${cmd} sent`);
      if (cmd === "draft_save") {
        return new Promise((resolve) =>
          setTimeout(() => {
            store.set(a.key, a.payload);
            order.push("draft_save done");
            resolve(null);
          }, saveMs),
        );
      }
      if (cmd === "draft_discard") store.delete(a.key);
      return null;
    });
    return { store, order };
  }

  test("a discard after a pending save leaves no draft behind", async () => {
    const { store, order } = slowBackend(100);
    const autosave = createAutosave("job-new:c1", "job", blank);
    autosave.change(payload({ name: "Myyjä", notes: "" }));
    autosave.flush(); // the save is on its way…
    const discarded = autosave.discard(); // …when the form is saved and the draft dropped
    await vi.advanceTimersByTimeAsync(200);
    await discarded;
    expect(order).toEqual(["draft_save sent", "draft_save done", "draft_discard sent"]);
    expect(store.has("job-new:c1")).toBe(false);
    expect(restoreDraft("job-new:c1", blank)).toEqual(blank);
  });

  test("the banner's discard also waits for a save of the same draft", async () => {
    const { store } = slowBackend(50);
    const autosave = createAutosave("client-new", "client", blank);
    autosave.change(payload({ name: "Eero", notes: "" }));
    autosave.flush();
    const discarded = discardDraft("client-new");
    await vi.advanceTimersByTimeAsync(100);
    await discarded;
    expect(store.has("client-new")).toBe(false);
  });

  test("a failed save does not hold up the writes after it", async () => {
    const sent: string[] = [];
    mockIPC((cmd) => {
      sent.push(cmd);
      if (cmd === "draft_save") return Promise.reject({ code: "storage", message: "disk full", fields: [] });
      return null;
    });
    const autosave = createAutosave("client-new", "client", blank);
    autosave.change(payload({ name: "Eero", notes: "" }));
    autosave.flush();
    await autosave.discard();
    expect(sent).toEqual(["draft_save", "draft_discard"]);
  });

  test("once the form is saved, a late change or flush writes no draft", async () => {
    const autosave = createAutosave("client-new", "client", blank);
    await autosave.discard();
    autosave.change(payload({ name: "Eero", notes: "" }));
    autosave.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves()).toHaveLength(0);
  });
});
