// Sync states and errors in the coach's words. The server's error codes are plain strings,
// not a generated union, so codes this UI does not know yet fall back to a general message.
import type { SyncError, SyncState } from "./api";
import { t } from "../i18n/index.svelte";

export const knownSyncErrors = [
  "offline", "server_error", "device_revoked", "unauthorized", "bad_enrol_code", "seq_conflict", "seq_gap",
  "bad_batch", "too_large", "record_forbidden", "forbidden", "protocol_unsupported", "bad_response", "local_error",
] as const;
type KnownSyncError = (typeof knownSyncErrors)[number];

const isKnown = (code: string): code is KnownSyncError => (knownSyncErrors as readonly string[]).includes(code);

export function syncStateLabel(state: SyncState): string {
  return t(`sync.state.${state}`);
}

export function syncErrorMessage(error: SyncError): string {
  return isKnown(error.code) ? t(`sync.error.${error.code}`) : t("sync.error.other");
}
