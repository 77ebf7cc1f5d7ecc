// The stand-in for the Rust commands in Vitest and in the browser-only a11y run. It keeps
// state and answers from fixtures Rust records (tests/fixtures, `cargo xtask bindings`): what
// the real command handler answered, call by call, over the demo caseload on a fixed clock.
// It computes no rule. A call it has no recording of is refused as "unavailable", naming the
// call, so the developer knows exactly what to record in tests/fixtures/sessions.rs.
import type { Draft, IpcError, Settings } from "../lib/api";
import meta from "./fixtures/meta.json";
import { unanswered } from "./unanswered";

/** One recorded call, as tests/fixtures/record.rs writes it. */
export interface RecordedCall {
  cmd: string;
  /** Exactly what the UI passes to `invoke`; null for no arguments. */
  args: unknown;
  /** How many writes the session had made before this call. */
  writes: number;
  /** The call changed data: the session moves on to the state after it. */
  write?: boolean;
  ok?: unknown;
  /** What the promise rejects with: an IpcError, or a string when Tauri could not read an argument. */
  err?: unknown;
}

/** The calls recorded on one app, in order; `base` holds until this session's first write. */
export interface Session {
  name: string;
  base: string | null;
  calls: RecordedCall[];
}

const files = import.meta.glob<Session>(["./fixtures/*.json", "!./fixtures/meta.json", "!./fixtures/scoring.json"], {
  eager: true,
  import: "default",
});

/** Every recorded session by name. */
export const sessions: Readonly<Record<string, Session>> = Object.fromEntries(
  Object.values(files).map((s) => [s.name, s]),
);

/** When the fixtures were recorded (local time = UTC): tests set their clock to it. */
export const recordedAt: string = meta.now;
/** The data folder the fixtures name. */
export const dataDir: string = meta.dataDir;

/** The refusal table: refused inputs the mock answers in any session and state. */
export const REFUSALS = "refused";

/** JSON with object keys sorted, so the order keys were written in does not matter. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(object[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Arguments as they cross IPC (JSON: NaN becomes null, undefined fields go); none is null. */
function asSent(args: unknown): unknown {
  if (args === undefined || args === null) return null;
  const copy = JSON.parse(JSON.stringify(args)) as unknown;
  return copy && typeof copy === "object" && !Array.isArray(copy) && Object.keys(copy).length === 0 ? null : copy;
}

const copy = <T>(value: T): T => (value === undefined ? (null as T) : (JSON.parse(JSON.stringify(value)) as T));
const keyOf = (cmd: string, args: unknown) => `${cmd} ${canonical(args)}`;

function index(calls: RecordedCall[]): Map<string, RecordedCall[]> {
  const byCall = new Map<string, RecordedCall[]>();
  for (const c of calls) {
    const key = keyOf(c.cmd, c.args);
    byCall.set(key, [...(byCall.get(key) ?? []), c]);
  }
  return byCall;
}

export interface MockOptions {
  /** Drafts the database holds at start (otherwise the session's recorded `drafts_list`). */
  drafts?: Draft[];
}

/** A call the UI sent, as it crossed IPC. */
export interface SentCall {
  cmd: string;
  args: unknown;
}

export class MockBackend {
  readonly session: Session;
  /** What the UI sent, in order, for tests to check the input it gave. */
  readonly calls: SentCall[] = [];
  /** How many recorded writes the mock has gone through. */
  writes = 0;
  private readonly own: Map<string, RecordedCall[]>;
  /** The reads of the base sessions' first state, nearest base first. */
  private readonly bases: Map<string, RecordedCall[]>[] = [];
  private readonly refusals: Map<string, RecordedCall[]>;
  private readonly drafts = new Map<string, Draft>();
  private settings: Settings | null;

  constructor(session = "demo", options: MockOptions = {}) {
    const found = sessions[session];
    if (!found) throw new Error(`mock: no session "${session}" in ui/src/mock/fixtures`);
    this.session = found;
    this.own = index(found.calls);
    for (let base = found.base; base; base = sessions[base]?.base ?? null) {
      const s = sessions[base] ?? (() => { throw new Error(`mock: session ${found.name} is based on unknown "${base}"`); })();
      this.bases.push(index(s.calls.filter((c) => c.writes === 0 && !c.write)));
    }
    this.refusals = index(sessions[REFUSALS].calls.filter((c) => c.err !== undefined));
    this.settings = this.recorded<Settings>("settings_get");
    for (const d of options.drafts ?? this.recorded<Draft[]>("drafts_list") ?? []) this.drafts.set(d.key, copy(d));
  }

  /**
   * Answers one call as the Rust command did, or throws what its promise would reject with.
   * Arguments and answers cross as JSON, as over real IPC.
   */
  handle(cmd: string, args?: unknown): unknown {
    const sent = asSent(args);
    this.calls.push({ cmd, args: sent });
    const a = (sent ?? {}) as Record<string, unknown>;
    switch (cmd) {
      // State, not rules: the app writes these on its own (drafts as the coach types, the
      // last screen on every navigation), so they cannot be recordings.
      case "ui_ready":
        return null;
      case "drafts_list":
        return copy([...this.drafts.values()]);
      case "draft_save":
        this.drafts.set(String(a.key), copy({ key: String(a.key), form: String(a.form), payload: a.payload, updatedAt: recordedAt } as Draft));
        return null;
      case "draft_discard":
        this.drafts.delete(String(a.key));
        return null;
      case "settings_get":
        if (this.settings) return copy(this.settings);
        break;
      case "settings_update": {
        const refused = this.refusals.get(keyOf(cmd, sent))?.[0];
        if (refused) return this.answer(refused);
        this.settings = copy(a.settings as Settings);
        return copy(this.settings);
      }
    }
    const call = this.find(cmd, sent);
    if (call) {
      if (call.write && call.err === undefined) this.writes++;
      return this.answer(call);
    }
    const message =
      `mock: no recording of ${cmd} ${canonical(sent)} in session ${this.session.name} after ${this.writes} writes` +
      " — record it in tests/fixtures/sessions.rs";
    console.error(message);
    unanswered.push(message);
    throw { code: "unavailable", message, fields: [] } satisfies IpcError;
  }

  /** The draft stored under `key`, as `drafts_list` would list it. */
  draft(key: string): Draft | undefined {
    const d = this.drafts.get(key);
    return d && copy(d);
  }

  /** The calls of `cmd` the UI sent, their arguments in order. */
  sent(cmd: string): unknown[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  }

  /** The recording that answers `cmd` with `args` (as sent) in the current state, if any. */
  find(cmd: string, args: unknown): RecordedCall | undefined {
    const key = keyOf(cmd, args);
    const own = this.own.get(key) ?? [];
    // 1. This session's recording in the current state.
    const now = own.find((c) => c.writes === this.writes);
    if (now) return now;
    // 2. A read made in an earlier state, the newest first: an unchanged list is not recorded
    // again after every write. The base sessions' reads count as the first state's.
    const earlier = own.filter((c) => !c.write && c.writes < this.writes).sort((x, y) => y.writes - x.writes)[0];
    if (earlier) return earlier;
    for (const base of this.bases) {
      const read = base.get(key)?.[0];
      if (read) return read;
    }
    // 3. The refusal table: a refused input changes nothing, in any session.
    return this.refusals.get(key)?.[0];
  }

  private answer(call: RecordedCall): unknown {
    if (call.err !== undefined) throw copy(call.err);
    return copy(call.ok ?? null);
  }

  /** The session's answer to a call without arguments at start, or null if it has none or refused. */
  private recorded<T>(cmd: string): T | null {
    const call = this.find(cmd, null);
    return call && call.err === undefined ? copy(call.ok as T) : null;
  }
}

/** What `session` answered `cmd` with at its start: for tests to find a recorded record by its name. */
export function recorded<T>(cmd: string, args: unknown = null, session = "demo"): T {
  const backend = new MockBackend(session);
  const call = backend.find(cmd, asSent(args));
  if (!call || call.err !== undefined) throw new Error(`mock: session ${session} has no answer to ${cmd} ${canonical(args)}`);
  return copy(call.ok as T);
}
