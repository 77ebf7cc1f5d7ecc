// The sync commands of the mock backend: one make-believe regional server that accepts the
// code GOOD-CODE-1234, plus switches (unreachable, revoked, a refusal) that tests and the a11y
// run flip to show each state. Like Rust, every record written here waits in an outbox until a
// round sends it; the mock only remembers which ids are waiting.
import type { ConflictResolution, ConflictView, EnrolInput, FieldError, IpcError, SyncError, SyncStatus } from "../lib/api";

export const GOOD_CODE = "GOOD-CODE-1234";

const reject = (code: IpcError["code"], message: string = code, fields: FieldError[] = []): never => {
  throw { code, message, fields } satisfies IpcError;
};

/** Writes a resolved value back into the record the conflict is about. */
export type WriteField = (entity: string, recordId: string, field: string, value: unknown) => void;

export class MockSync {
  serverUrl: string | null = null;
  userName: string | null = null;
  /** Whether the server answers; false makes enrolment fail and rounds go offline. */
  reachable = true;
  /** An administrator removed this device: rounds stop, records stay. */
  revoked = false;
  /** Pulled changes the (mock) device could not apply. */
  quarantined = 0;
  /** A refusal every round meets (the "stuck" state), e.g. `{code: "record_forbidden"}`. */
  refusal: SyncError | null = null;
  lastSyncAt: string | null = null;
  /** The mock has no other devices: nothing ever arrives, so the cursor stays put. */
  pullCursor = 0;
  lastError: SyncError | null = null;
  pending = new Set<string>();
  conflicts: ConflictView[] = [];
  private conflictSeq = 0;

  constructor(
    private now: () => Date,
    private write: WriteField,
  ) {}

  /** A record was written on this device. */
  changed(id: string): void {
    this.pending.add(id);
  }

  status(): SyncStatus {
    return {
      state: this.state(),
      serverUrl: this.serverUrl,
      userName: this.userName,
      pending: this.pending.size,
      lastSyncAt: this.lastSyncAt,
      lastError: this.lastError,
      conflicts: this.conflicts.length,
      quarantined: this.quarantined,
      pullCursor: this.pullCursor,
    };
  }

  private state(): SyncStatus["state"] {
    if (!this.serverUrl) return "not_enrolled";
    if (this.revoked) return "revoked";
    if (!this.lastError) return "online";
    return this.lastError.code === "offline" ? "offline" : "stuck";
  }

  /** As Rust: only an http(s) address is tried; the code is checked by the server. */
  enrol(input: EnrolInput, userName: string): SyncStatus {
    const url = input.serverUrl.trim().replace(/\/+$/, "");
    if (!/^https?:\/\/./.test(url)) reject("validation", "serverUrl", [{ field: "serverUrl", code: "invalid" }]);
    if (!this.reachable) reject("sync_offline", "the server could not be reached");
    if (input.code.replace(/\s+/g, "").toUpperCase() !== GOOD_CODE) {
      reject("sync_bad_code", "the enrolment code is unknown, used or expired");
    }
    this.serverUrl = url;
    this.userName = userName;
    this.revoked = false;
    this.lastError = null;
    return this.status();
  }

  /** One round: sends everything waiting, or records why it could not. */
  round(): SyncStatus {
    if (!this.serverUrl) return this.status();
    if (this.revoked) this.lastError = { code: "device_revoked", message: "this device was revoked" };
    else if (!this.reachable) this.lastError = { code: "offline", message: "the server could not be reached" };
    else if (this.refusal) this.lastError = this.refusal;
    else {
      this.pending.clear();
      this.lastSyncAt = this.now().toISOString();
      this.lastError = null;
    }
    return this.status();
  }

  pendingIds(): string[] {
    return [...this.pending];
  }

  /** Adds a conflict as a pulled round would (for tests and the a11y run). */
  addConflict(conflict: Omit<ConflictView, "id">): ConflictView {
    const added = { id: `conflict-${++this.conflictSeq}`, ...conflict };
    this.conflicts.push(added);
    return added;
  }

  resolve(id: string, resolution: ConflictResolution): null {
    const c = this.conflicts.find((x) => x.id === id) ?? reject("not_found");
    const choice = (resolution as { choice?: unknown } | null)?.choice;
    if (choice !== "kept" && choice !== "lost" && choice !== "edited") {
      reject("validation", "choice", [{ field: "choice", code: "invalid" }]);
    }
    if (resolution.choice !== "kept") {
      const value = resolution.choice === "lost" ? c.lost.value : resolution.value;
      this.write(c.entity, c.recordId, c.field, value);
      this.changed(c.recordId);
    }
    this.conflicts = this.conflicts.filter((x) => x !== c);
    return null;
  }
}
