// The sync status the whole UI shares: the shell's indicator polls it, Settings and the
// conflicts view refresh it after their own actions, and lists read which records are not
// yet on the server. Rust syncs on its own; the UI only watches and asks for a round.
import { api, type SyncStatus } from "./api";
import { dataChanged } from "./refresh.svelte";

let status = $state<SyncStatus | null>(null);
let pendingIds = $state<ReadonlySet<string>>(new Set());
// Answers can overtake each other (a poll and a "sync now"); only the newest request counts.
let asked = 0;

export const sync = {
  /** Null until the first answer. */
  get status(): SyncStatus | null {
    return status;
  },
  get enrolled(): boolean {
    return !!status && status.state !== "not_enrolled";
  },
  /** Record ids with changes not yet on the server; empty unless the device is enrolled. */
  get pendingIds(): ReadonlySet<string> {
    return pendingIds;
  },
};

async function adopt(next: SyncStatus, request: number): Promise<void> {
  if (request !== asked) return;
  // A moved pull cursor means records arrived from the server: reload what is on screen.
  const pulled = status !== null && status.pullCursor !== next.pullCursor;
  status = next;
  if (pulled) dataChanged();
  // Only an enrolled device sends anything, so only then is "not yet on the server" news.
  const ids = next.state !== "not_enrolled" && next.pending > 0 ? await api.syncPendingIds().catch(() => null) : [];
  if (ids && request === asked) pendingIds = new Set(ids);
}

/** Reads the status again; a failed read keeps the last one (the next poll tries again). */
export async function refreshSync(): Promise<void> {
  const request = ++asked;
  try {
    await adopt(await api.syncStatus(), request);
  } catch {
    // Nothing to show that the last status does not already say.
  }
}

/** Takes a status a command returned (enrol, sync now) as the current one. */
export function adoptSyncStatus(next: SyncStatus): Promise<void> {
  return adopt(next, ++asked);
}

/** Runs a round now; rejects with the IpcError if the command fails. */
export async function syncNow(): Promise<SyncStatus> {
  const next = await api.syncNow();
  await adoptSyncStatus(next);
  return next;
}

/**
 * How often the status is read while an import of team caseloads runs, so its progress bar
 * moves. Only then: a coach's ordinary rounds are read at the usual pace (reading the status
 * costs the store a read, which a window busy applying a pull should not pay every moment).
 */
export const IMPORT_POLL_MS = 300;

/**
 * Polls every `ms` milliseconds, or every `IMPORT_POLL_MS` while an import runs; returns a
 * function that stops.
 */
export function startSyncPolling(ms = 5000): () => void {
  let timer: ReturnType<typeof setTimeout>;
  let stopped = false;
  const next = () => {
    if (!stopped) timer = setTimeout(tick, status?.import ? Math.min(ms, IMPORT_POLL_MS) : ms);
  };
  const tick = () => void refreshSync().finally(next);
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Forgets everything (for tests, which share this module between cases). */
export function resetSync(): void {
  asked++;
  status = null;
  pendingIds = new Set();
}
