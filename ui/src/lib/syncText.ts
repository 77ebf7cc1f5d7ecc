// Sync states and errors in the coach's words. The codes are Rust's SyncErrorCode (generated);
// a code a newer server sends that this version does not know reaches the UI as "unknown".
import type { ImportProgress, SyncError, SyncState } from "./api";
import { SYNC_ERROR_CODES } from "../bindings/values";
import { i18n, t } from "../i18n/index.svelte";
import { formatNumber } from "./format";

export function syncStateLabel(state: SyncState): string {
  return t(`sync.state.${state}`);
}

export function syncErrorMessage(error: SyncError): string {
  // The type says every code is known; the check keeps a stray string from showing as a key.
  const known = (SYNC_ERROR_CODES as readonly string[]).includes(error.code);
  return t(`sync.error.${known ? error.code : "unknown"}`);
}

/** A supervisor's import under way: records done of total, and the time left once known. */
export function importText(p: ImportProgress): string {
  const done = t("sync.import", { done: formatNumber(p.done, i18n.locale), total: formatNumber(p.total, i18n.locale) });
  if (p.secondsLeft === null) return done;
  return `${done}, ${t("sync.import_left", { minutes: Math.max(1, Math.ceil(p.secondsLeft / 60)) })}`;
}
