// "Nothing typed is lost": every form hands its state to an autosaver, which stores it as a
// draft shortly after each change and at once on blur or close, and drops it after a save.
import { api, type Draft } from "./api";

export type DraftForm = "client" | "employer" | "contact" | "job" | "support";

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

export async function discardDraft(key: string): Promise<void> {
  stored.delete(key);
  settlePending(key);
  await api.draftDiscard(key);
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

  function save(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!waiting) return;
    const payload = waiting;
    waiting = null;
    const json = JSON.stringify(payload.values);
    if (json === lastSaved) return;
    if (json === baselineJson && !stored.has(key)) return;
    lastSaved = json;
    stored.set(key, { key, form, payload, updatedAt: new Date().toISOString() });
    // A failed draft write must not interrupt typing; the next change tries again.
    api.draftSave(key, form, payload).catch(() => {
      lastSaved = "";
    });
  }

  return {
    change(payload) {
      waiting = payload;
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    },
    flush: save,
    async discard() {
      clearTimeout(timer);
      waiting = null;
      lastSaved = baselineJson;
      await discardDraft(key);
    },
  };
}

/** A form inside the client screen that a resumed draft asks to open. */
export interface OpenRequest {
  clientId: string;
  form: "job" | "support";
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
