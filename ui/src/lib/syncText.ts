// Sync states and errors in the coach's words. The codes are Rust's SyncErrorCode (generated);
// a code a newer server sends that this version does not know reaches the UI as "unknown".
import type { SyncError, SyncState } from "./api";
import { SYNC_ERROR_CODES } from "../bindings/values";
import { t } from "../i18n/index.svelte";

export function syncStateLabel(state: SyncState): string {
  return t(`sync.state.${state}`);
}

export function syncErrorMessage(error: SyncError): string {
  // The type says every code is known; the check keeps a stray string from showing as a key.
  const known = (SYNC_ERROR_CODES as readonly string[]).includes(error.code);
  return t(`sync.error.${known ? error.code : "unknown"}`);
}
