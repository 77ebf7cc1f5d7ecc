// "Nothing typed is lost": every form hands its state to an autosaver, which stores it as a
// draft shortly after each change and at once on blur or close, and drops it after a save.
import { api, type Draft, type JsonValue } from "./api";

export type DraftForm = "client" | "client_close" | "employer" | "contact" | "job" | "support";

export interface DraftPayload<V = unknown> {
  mode: "new" | "edit";
  /** What the banner shows next to the form's name, e.g. the client's name. */
  title: string;
  /** Ids the form needs to reopen (clientId, jobId, …). */
  context: Record<string, string>;
  values: V;
}

const stored = new Map<string, Draft>();
let pending = $state<Draft[]>([]);

export const drafts = {
  /** Drafts found at start-up that the coach has not resumed or discarded yet. */
  get pending(): Draft[] {
    return pending;
  },
};

export function initDrafts(list: Draft[]): void {
  stored.clear();
  for (const d of list) stored.set(d.key, d);
  pending = list;
}

export function storedDraft<V>(key: string): DraftPayload<V> | undefined {
  const payload = stored.get(key)?.payload as DraftPayload<V> | undefined;
  return payload && typeof payload === "object" && "values" in payload ? payload : undefined;
}

/**
 * The form's starting values: the stored draft laid over the baseline, so a draft written
 * by an older version of the form (missing a field) still opens.
 */
export function restoreDraft<V extends object>(key: string, baseline: V): V {
  const values = storedDraft<V>(key)?.values;
  return values && typeof values === "object" ? { ...baseline, ...values } : { ...baseline };
}

export function settlePending(key: string): void {
  pending = pending.filter((d) => d.key !== key);
}

// Draft writes for one key go out one after another: each waits until the backend has answered
// the one before. Sent together, a late autosave could be stored after the discard that follows
// a successful save, and bring back a draft of a record that is already saved.
const queues = new Map<string, Promise<void>>();

function inOrder(key: string, write: () => Promise<void>): Promise<void> {
  const before = queues.get(key);
  // Nothing waiting: send at once, so a flush on blur or close is not delayed.
  const result = before ? before.then(write) : write();
  const settled = result.catch(() => {});
  queues.set(key, settled);
  settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return result;
}

function saveDraft(key: string, form: DraftForm, payload: JsonValue): Promise<void> {
  return inOrder(key, () => api.draftSave(key, form, payload));
}

export async function discardDraft(key: string): Promise<void> {
  stored.delete(key);
  settlePending(key);
  await inOrder(key, () => api.draftDiscard(key));
}

export interface Autosave<V> {
  /** Call on every change; saves after `delay` ms of quiet. */
  change(payload: DraftPayload<V>): void;
  /** Saves a waiting change now (blur, close). */
  flush(): void;
  /** After a successful save: the draft is no longer needed. */
  discard(): Promise<void>;
}

/**
 * `baseline` is what the form showed before the coach typed anything: an untouched form
 * leaves no draft behind.
 */
export function createAutosave<V>(key: string, form: DraftForm, baseline: V, delay = 300): Autosave<V> {
  const baselineJson = JSON.stringify(baseline);
  let lastSaved = JSON.stringify(storedDraft<V>(key)?.values ?? baseline);
  let waiting: DraftPayload<V> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // After the form is saved and its draft discarded, nothing may write the draft again.
  let finished = false;

  function save(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!waiting || finished) return;
    const json = JSON.stringify(waiting.values);
    // A $state snapshot of plain form values: JSON as it stands.
    const payload = waiting as unknown as JsonValue;
    waiting = null;
    if (json === lastSaved) return;
    if (json === baselineJson && !stored.has(key)) return;
    lastSaved = json;
    stored.set(key, { key, form, payload, updatedAt: new Date().toISOString() });
    // A failed draft write must not interrupt typing; the next change tries again.
    saveDraft(key, form, payload).catch(() => {
      if (lastSaved === json) lastSaved = "";
    });
  }

  return {
    change(payload) {
      if (finished) return;
      waiting = payload;
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    },
    flush: save,
    async discard() {
      clearTimeout(timer);
      waiting = null;
      finished = true;
      lastSaved = baselineJson;
      await discardDraft(key);
    },
  };
}

/** A form inside the client screen that a resumed draft asks to open. */
export interface OpenRequest {
  clientId: string;
  form: "job" | "support" | "close";
  key: string;
  jobId: string | null;
}
let request = $state<OpenRequest | null>(null);

export const openRequest = {
  get value(): OpenRequest | null {
    return request;
  },
};

export function requestOpen(value: OpenRequest | null): void {
  request = value;
}
