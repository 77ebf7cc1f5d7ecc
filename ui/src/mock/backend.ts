// An in-memory stand-in for the Rust commands, for the browser-only a11y run and for unit
// tests. It follows the contract (the generated types in ../bindings/, visit numbers,
// validation codes) closely enough to drive every screen; it is not the rules engine and must
// not become one. Like Rust it reads each input in two steps: a field it cannot read (blank,
// null, missing, wrong type) is the only one reported, as "required" or "invalid"; the fields
// that read are then checked by the domain rules, which report all their problems at once.
import type {
  AppStatus, Client, ClientInput, ClientSummary, CloseClientInput, ContactInput, ContactView, DemoSummary, Draft,
  Employer, EmployerInput, EmployerSummary, FieldError, IpcError, Job, JobInput, Settings, SupportContact,
  SupportContactInput, TimelineEntry, TodayView, ValidationCode,
  ActionDue, ActionInput, FidelityEvidence, NoteInput, RateInput, Rating, Review, ReviewAction, ReviewInput,
  ReviewItem, ReviewRow, ScaleError, ScaleInfo, Suggestion, Summary, AnswerCounts, ItemScore, Basis, Item,
  Quarter, QuarterOutcomes, ConflictView,
} from "../lib/api";
import { quarterBounds, quarterKey } from "../lib/outcomes";
import { modes, outcomes, purposes, stages } from "../lib/vocab";
import { bandFor, scoreOf } from "../lib/scoring";
import { MockSync } from "./sync";
// The shipped scale files (assets/fidelity/*.toml) as the Rust side serves them: the UI cannot
// read TOML, so this is a copy made from them (see README).
import shippedScales from "./scales.json";

type Args = Record<string, unknown>;
interface StoredContact extends Omit<ContactView, "employerName" | "clientNames" | "visitNumber"> {}

const pad = (n: number) => String(n).padStart(2, "0");
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const isoMinute = (d: Date) => `${isoDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
const daysFrom = (base: Date, days: number) => new Date(base.getFullYear(), base.getMonth(), base.getDate() + days);
const reject = (code: IpcError["code"], fields: FieldError[] = []): never => {
  throw { code, message: code, fields } satisfies IpcError;
};
const chars = (s: string) => [...s].length;
const NAME = 200;
const SHORT_TEXT = 500;
const NOTES = 10_000;
const EARLIEST = "1990-01-01";
const DEMO_COACH = "Laura Demo";

// ---- Reading inputs the way serde does -------------------------------------------------------

type Spec =
  | "string" | "bool" | "number" | "date" | "datetime" | "id" | "rating"
  | { oneOf: readonly string[] }
  | { optional: Spec }
  | { list: Spec }
  | { struct: Record<string, Spec>; defaults?: boolean };

const optional = (spec: Spec): Spec => ({ optional: spec });

function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(+m[1], +m[2] - 1, +m[3]);
  return d.getFullYear() === +m[1] && d.getMonth() === +m[2] - 1 && d.getDate() === +m[3];
}

function validDateTime(text: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
  return !!m && validDate(m[1]) && +m[2] < 24 && +m[3] < 60 && (m[4] === undefined || +m[4] < 60);
}

function reads(value: unknown, spec: Spec): boolean {
  switch (spec) {
    case "string": return typeof value === "string";
    case "bool": return typeof value === "boolean";
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "date": return typeof value === "string" && validDate(value);
    case "datetime": return typeof value === "string" && validDateTime(value);
    // The mock's ids are not UUIDs, so any non-blank text reads as an id.
    case "id": return typeof value === "string" && value.trim() !== "";
    case "rating": return readsRating(value);
    default: return "oneOf" in spec && typeof value === "string" && spec.oneOf.includes(value);
  }
}

/** A `Rating` as serde reads it: a known kind with a value of that kind's type. */
function readsRating(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const { kind, value: v } = value as { kind?: unknown; value?: unknown };
  const whole = (n: unknown, max: number) => typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= max;
  switch (kind) {
    case "anchored": return whole(v, 255);
    case "components": return Array.isArray(v) && v.every((c) => typeof c === "string");
    case "percentage": case "count": return typeof v === "number" && Number.isFinite(v);
    case "days": return whole(v, 4_294_967_295);
    case "checklist": return v === "yes" || v === "partly" || v === "no";
    default: return false;
  }
}

/** The first field serde could not read, named by its camelCase path, or null. */
function unreadable(value: unknown, spec: Spec, path: string): FieldError | null {
  const fail = (): FieldError => ({
    field: path || ".",
    code: value === null || value === undefined || (typeof value === "string" && !value.trim()) ? "required" : "invalid",
  });
  if (typeof spec === "object" && "optional" in spec) {
    return value === null || value === undefined ? null : unreadable(value, spec.optional, path);
  }
  if (typeof spec === "object" && "list" in spec) {
    if (!Array.isArray(value)) return fail();
    for (const [i, item] of value.entries()) {
      const e = unreadable(item, spec.list, `${path}[${i}]`);
      if (e) return e;
    }
    return null;
  }
  if (typeof spec === "object" && "struct" in spec) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return fail();
    const object = value as Record<string, unknown>;
    const at = (key: string) => (path ? `${path}.${key}` : key);
    // serde_json's map is sorted by key, so fields are read in alphabetical order…
    for (const key of Object.keys(object).filter((k) => k in spec.struct).sort()) {
      const e = unreadable(object[key], spec.struct[key], at(key));
      if (e) return e;
    }
    // …and missing fields are noticed afterwards, in declaration order.
    if (!spec.defaults) {
      for (const [key, field] of Object.entries(spec.struct)) {
        if (object[key] === undefined && !(typeof field === "object" && "optional" in field)) {
          return { field: at(key), code: "required" };
        }
      }
    }
    return null;
  }
  return reads(value, spec) ? null : fail();
}

/** Reads a command's input like Rust's `args::parse`: one unreadable field is a rejection. */
function parse<T>(value: unknown, spec: Spec): T {
  const e = unreadable(value, spec, "");
  if (e) reject("validation", [e]);
  return value as T;
}

const employerInputSpec: Spec = {
  struct: { name: "string", businessId: optional("string"), sector: "string", location: "string" },
};
const specs = {
  client: {
    struct: {
      name: "string", responsibleProfessional: "string", stage: { oneOf: stages },
      referralDate: optional("date"), entryDate: optional("date"), profileStartedDate: optional("date"),
      benefitsPlanningDate: optional("date"), disclosureDiscussedDate: optional("date"),
      employedAtEntry: "bool", preferences: "string", notes: "string",
    },
  },
  close: { struct: { dischargeDate: "date", dischargeReason: "string" } },
  employer: employerInputSpec,
  contact: {
    struct: {
      employerId: optional("id"), newEmployer: optional(employerInputSpec), occurredAt: "datetime",
      contactPerson: "string", contactRole: "string", mode: { oneOf: modes }, clientIds: { list: "id" },
      clientPresent: "bool", purposes: { list: { oneOf: purposes } }, outcome: optional({ oneOf: outcomes }),
      nextStep: "string", nextStepDue: optional("date"), notes: "string",
    },
  },
  job: {
    struct: {
      clientId: "id", employerId: "id", jobType: "string", startDate: "date", endDate: optional("date"),
      hoursPerWeek: "number", hourlyWage: optional("number"), permanent: "bool", competitive: "bool",
      wageSubsidy: "bool", started: "bool", endReason: optional("string"),
    },
  },
  support: {
    struct: {
      clientId: "id", jobId: optional("id"), occurredAt: "datetime", mode: { oneOf: modes },
      withEmployer: "bool", notes: "string",
    },
  },
  settings: {
    struct: { language: { oneOf: ["fi", "sv", "en"] }, coachName: "string", fte: "number", lastView: "string" },
    defaults: true,
  },
  query: { struct: { search: "string", stage: optional({ oneOf: stages }), includeClosed: "bool" } },
  review: {
    struct: { scaleId: "string", kind: { oneOf: ["self", "peer", "external"] }, periodFrom: "date", periodTo: "date", raters: "string" },
  },
  rate: { struct: { item: "string", rating: optional("rating"), suggested: optional("rating") } },
  note: { struct: { item: "string", notes: "string", evidenceMissing: "bool" } },
  action: { struct: { item: "string", what: "string", who: "string", due: optional("date") } },
  quarter: { struct: { year: "number", quarter: "number" } },
  enrol: { struct: { serverUrl: "string", code: "string", deviceName: "string" } },
} satisfies Record<string, Spec>;

// ---- Domain rules (polku-domain's validate()) -------------------------------------------------

class Problems {
  list: FieldError[] = [];
  add(field: string, code: ValidationCode) {
    this.list.push({ field, code });
  }
  requiredText(field: string, value: string, max: number) {
    if (!value.trim()) this.add(field, "required");
    else this.maxLen(field, value, max);
  }
  maxLen(field: string, value: string, max: number) {
    if (chars(value) > max) this.add(field, "too_long");
  }
  milestone(field: string, date: string | null, today: string) {
    if (!date) return;
    if (date > today) this.add(field, "too_far_in_future");
    else if (date < EARLIEST) this.add(field, "too_far_in_past");
  }
  throwIfAny() {
    if (this.list.length) reject("validation", this.list);
  }
}

function isBusinessId(s: string): boolean {
  if (!/^\d{7}-\d$/.test(s)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  const r = sum % 11;
  const check = Number(s[8]);
  return r === 0 ? check === 0 : r !== 1 && check === 11 - r;
}

function employerProblems(input: EmployerInput, e: Problems, prefix = "") {
  e.requiredText(`${prefix}name`, input.name, NAME);
  e.maxLen(`${prefix}sector`, input.sector, NAME);
  e.maxLen(`${prefix}location`, input.location, NAME);
  const id = input.businessId?.trim();
  if (id && !isBusinessId(id)) e.add(`${prefix}businessId`, "invalid");
}

function normalizedEmployer(input: EmployerInput): EmployerInput {
  return {
    name: input.name.trim(),
    businessId: input.businessId?.trim() || null,
    sector: input.sector.trim(),
    location: input.location.trim(),
  };
}

const unique = <T>(list: T[]) => [...new Set(list)];
/** Actions by due date, undated last, then in the order they were added. */
const byDue = (x: { due: string | null; createdAt: number }, y: { due: string | null; createdAt: number }) =>
  (x.due ?? "9999").localeCompare(y.due ?? "9999") || x.createdAt - y.createdAt;

export interface MockOptions {
  status?: AppStatus;
  demo?: boolean;
  drafts?: Draft[];
  now?: Date;
  /** Scale files that "failed to load", for the Settings list. */
  scaleErrors?: ScaleError[];
}

interface StoredReview {
  id: string;
  input: ReviewInput;
  scaleVersion: string;
  items: Map<string, ReviewItem>;
  createdAt: string;
  updatedAt: string;
}

const edits = ["client_update", "client_close", "employer_update", "contact_update", "contact_follow_up_done", "job_update"];
const weeklyContactTarget = (jobSeekers: number) => (jobSeekers < 3 ? 2 * jobSeekers : 6);
const percentOf = (part: number, whole: number) => (whole > 0 ? (part * 100) / whole : null);
const dayNumber = (iso: string) => Math.round(new Date(`${iso}T12:00`).getTime() / 86_400_000);

export class MockBackend {
  status: AppStatus;
  settings: Settings = { language: "fi", coachName: "", fte: 1, lastView: "today" };
  clients: Client[] = [];
  employers: Employer[] = [];
  contacts: StoredContact[] = [];
  jobs: Job[] = [];
  support: SupportContact[] = [];
  drafts = new Map<string, Draft>();
  scales: ScaleInfo[] = shippedScales as ScaleInfo[];
  scaleErrors: ScaleError[];
  reviews: StoredReview[] = [];
  actions: (ReviewAction & { createdAt: number })[] = [];
  /** Paths `review_export` returned, newest last. */
  exports: string[] = [];
  private seq = 0;
  private now: Date;
  /** The regional server and this device's outbox (see ./sync.ts). */
  sync = new MockSync(() => this.now, (entity, id, field, value) => this.writeField(entity, id, field, value));

  constructor(options: MockOptions = {}) {
    this.status = options.status ?? { state: "ready", dataDir: "/home/coach/.local/share/fi.polku.app" };
    this.now = options.now ?? new Date();
    this.scaleErrors = options.scaleErrors ?? [];
    for (const d of options.drafts ?? []) this.drafts.set(d.key, d);
    if (options.demo) this.demoLoad();
  }

  private id(prefix: string) {
    const id = `${prefix}-${++this.seq}`;
    this.sync.changed(id);
    return id;
  }

  /** A conflict resolved to another value; the mock writes only clients' and employers' fields. */
  private writeField(entity: string, id: string, field: string, value: unknown) {
    const list: (Client | Employer)[] = entity === "client" ? this.clients : entity === "employer" ? this.employers : [];
    const record = list.find((r) => r.id === id);
    if (record && field in record) Object.assign(record, { [field]: value });
  }

  private stamp() {
    return { createdAt: this.now.toISOString(), updatedAt: this.now.toISOString(), version: String(++this.seq) };
  }

  private today(): string {
    return isoDay(this.now);
  }

  /** Arguments and answers cross as JSON, as over real IPC (NaN becomes null, nothing is shared). */
  handle(cmd: string, args: Args = {}): unknown {
    const answer = this.dispatch(cmd, JSON.parse(JSON.stringify(args ?? {})) as Args);
    // An edit waits for the server too (a new record is noted when its id is made).
    if (edits.includes(cmd)) this.sync.changed(String(args.id));
    return answer === undefined ? null : JSON.parse(JSON.stringify(answer));
  }

  private dispatch(cmd: string, args: Args): unknown {
    if (cmd !== "app_status" && cmd !== "ui_ready" && this.status.state === "error") reject(this.status.code);
    const a = args as Record<string, never>;
    switch (cmd) {
      case "app_status": return this.status;
      case "ui_ready": return null;
      case "settings_get": return { ...this.settings };
      case "settings_update": return this.settingsUpdate(parse(a.settings, specs.settings));
      case "clients_list": return this.clientsList(parse(a.query, specs.query));
      case "client_get": return this.client(a.id);
      case "client_create": return this.clientSave(null, parse(a.input, specs.client));
      case "client_update": return this.clientSave(a.id, parse(a.input, specs.client));
      case "client_close": return this.clientClose(a.id, parse(a.input, specs.close));
      case "client_timeline": return this.timeline(a.id);
      case "employers_list": return this.employersList(a.search);
      case "employer_get": return this.employer(a.id);
      case "employer_create": return this.employerSave(null, parse(a.input, specs.employer));
      case "employer_update": return this.employerSave(a.id, parse(a.input, specs.employer));
      case "employers_similar": return this.similar(a.name, a.location);
      case "employer_contacts": return this.contactsOf(a.employerId);
      case "contact_create": return this.contactSave(null, parse(a.input, specs.contact));
      case "contact_update": return this.contactSave(a.id, parse(a.input, specs.contact));
      case "contact_follow_up_done": return this.followUpDone(a.id);
      case "contacts_mark_reviewed": return this.markReviewed();
      case "contacts_recent": return this.views().slice(0, a.limit as number);
      case "next_visit_number": return this.contacts.filter((c) => c.employerId === a.employerId).length + 1;
      case "jobs_for_client": return this.jobs.filter((j) => j.clientId === a.clientId);
      case "job_create": return this.jobSave(null, parse(a.input, specs.job));
      case "job_update": return this.jobSave(a.id, parse(a.input, specs.job));
      case "support_for_client": return this.support.filter((s) => s.clientId === a.clientId).sort((x, y) => y.occurredAt.localeCompare(x.occurredAt));
      case "support_create": return this.supportCreate(parse(a.input, specs.support));
      case "today": return this.todayView();
      case "drafts_list": return [...this.drafts.values()];
      case "draft_save": {
        const draft = { key: a.key, form: a.form, payload: a.payload, updatedAt: this.now.toISOString() } as Draft;
        this.drafts.set(draft.key, draft);
        return null;
      }
      case "draft_discard": this.drafts.delete(a.key); return null;
      case "demo_load": return this.demoLoad();
      case "scales_list": return this.scales;
      case "scale_errors": return this.scaleErrors;
      case "reviews_list": return this.reviewsList();
      case "review_start": return this.reviewStart(parse(a.input, specs.review));
      case "review_get": return this.review(a.id);
      case "review_rate": return this.reviewRate(a.id, parse(a.input, specs.rate));
      case "review_note": return this.reviewNote(a.id, parse(a.input, specs.note));
      case "review_action_add": return this.reviewActionAdd(a.id, parse(a.input, specs.action));
      case "review_action_done": return this.reviewActionDone(a.actionId);
      case "review_suggestions": return this.reviewSuggestions(a.id);
      case "review_evidence": return this.reviewEvidence(a.id);
      case "review_export": return this.reviewExport(a.id, a.format);
      case "quarterly_outcomes": return this.quarterlyOutcomes(parse(a.quarter, specs.quarter));
      case "outcomes_export": return this.outcomesExport(parse(a.quarter, specs.quarter), a.format);
      case "sync_status": return this.sync.status();
      case "sync_enrol": return this.sync.enrol(parse(a.input, specs.enrol), this.settings.coachName || DEMO_COACH);
      case "sync_now": return this.sync.round();
      case "sync_pending_ids": return this.sync.pendingIds();
      case "conflicts_list": return this.sync.conflicts;
      case "conflict_resolve": return this.sync.resolve(a.id, a.resolution);
      default: return reject("unavailable");
    }
  }

  private settingsUpdate(s: Partial<Settings>): Settings {
    const next: Settings = { language: "fi", coachName: "", fte: 1, lastView: "today", ...s };
    const e = new Problems();
    e.maxLen("coachName", next.coachName, NAME);
    e.maxLen("lastView", next.lastView, NAME);
    if (!(next.fte >= 0.1 && next.fte <= 1)) e.add("fte", "out_of_range");
    e.throwIfAny();
    this.settings = next;
    return { ...next };
  }

  private client(id: string): Client {
    return this.clients.find((c) => c.id === id) ?? reject("not_found");
  }

  private employer(id: string): Employer {
    return this.employers.find((e) => e.id === id) ?? reject("not_found");
  }

  private clientsList(q: { search: string; stage: string | null; includeClosed: boolean }): ClientSummary[] {
    const search = q.search.toLocaleLowerCase();
    const today = this.today();
    return this.clients
      .filter((c) => (q.includeClosed || !c.dischargeDate) && (!q.stage || c.stage === q.stage))
      .filter((c) => !search || c.name.toLocaleLowerCase().includes(search) || c.responsibleProfessional.toLocaleLowerCase().includes(search))
      .map((c) => ({
        id: c.id,
        name: c.name,
        stage: c.stage,
        responsibleProfessional: c.responsibleProfessional,
        closed: !!c.dischargeDate,
        lastContactDate: this.contacts.filter((k) => k.clientIds.includes(c.id)).map((k) => k.occurredAt.slice(0, 10)).sort().pop() ?? null,
        working: this.jobs.some((j) => j.clientId === c.id && j.started && j.startDate <= today && (!j.endDate || j.endDate >= today)),
      }))
      .sort((x, y) => x.name.localeCompare(y.name));
  }

  private clientSave(id: string | null, input: ClientInput): Client {
    const e = new Problems();
    const today = this.today();
    e.requiredText("name", input.name, NAME);
    e.maxLen("responsibleProfessional", input.responsibleProfessional, NAME);
    e.maxLen("preferences", input.preferences, NOTES);
    e.maxLen("notes", input.notes, NOTES);
    for (const f of ["referralDate", "entryDate", "profileStartedDate", "benefitsPlanningDate", "disclosureDiscussedDate"] as const) {
      e.milestone(f, input[f], today);
    }
    if (input.referralDate && input.entryDate && input.entryDate < input.referralDate) e.add("entryDate", "ends_before_start");
    e.throwIfAny();
    const trimmed = { ...input, name: input.name.trim(), responsibleProfessional: input.responsibleProfessional.trim() };
    if (id) {
      const c = this.client(id);
      Object.assign(c, trimmed, { updatedAt: this.now.toISOString(), version: String(++this.seq) });
      return { ...c };
    }
    const client: Client = { ...trimmed, id: this.id("client"), dischargeDate: null, dischargeReason: null, ...this.stamp() };
    this.clients.push(client);
    return { ...client };
  }

  private clientClose(id: string, input: CloseClientInput): Client {
    const e = new Problems();
    e.milestone("dischargeDate", input.dischargeDate, this.today());
    e.requiredText("dischargeReason", input.dischargeReason, SHORT_TEXT);
    e.throwIfAny();
    const c = this.client(id);
    if ([c.referralDate, c.entryDate].some((d) => d && input.dischargeDate < d)) {
      reject("validation", [{ field: "dischargeDate", code: "ends_before_start" }]);
    }
    c.dischargeDate = input.dischargeDate;
    c.dischargeReason = input.dischargeReason.trim();
    return { ...c };
  }

  private timeline(id: string): TimelineEntry[] {
    const c = this.client(id);
    const entries: TimelineEntry[] = [];
    const milestone = (at: string | null, m: TimelineEntry["milestone"]) => {
      if (at) entries.push({ at, kind: "milestone", milestone: m, refId: null, employerName: null, mode: null, detail: "" });
    };
    milestone(c.referralDate, "referral");
    milestone(c.entryDate, "entry");
    milestone(c.profileStartedDate, "profile_started");
    milestone(c.benefitsPlanningDate, "benefits_planning");
    milestone(c.disclosureDiscussedDate, "disclosure_discussed");
    milestone(c.dischargeDate, "discharge");
    for (const k of this.views().filter((v) => v.clientIds.includes(id))) {
      entries.push({ at: k.occurredAt, kind: "employer_contact", milestone: null, refId: k.id, employerName: k.employerName, mode: k.mode, detail: k.nextStep });
    }
    for (const j of this.jobs.filter((x) => x.clientId === id)) {
      entries.push({ at: j.startDate, kind: "job_start", milestone: null, refId: j.id, employerName: j.employerName, mode: null, detail: j.jobType });
      if (j.endDate) entries.push({ at: j.endDate, kind: "job_end", milestone: null, refId: j.id, employerName: j.employerName, mode: null, detail: j.endReason ?? "" });
    }
    for (const s of this.support.filter((x) => x.clientId === id)) {
      entries.push({ at: s.occurredAt, kind: "support_contact", milestone: null, refId: s.id, employerName: null, mode: s.mode, detail: s.notes.slice(0, 80) });
    }
    return entries.sort((x, y) => y.at.localeCompare(x.at));
  }

  private summary(e: Employer): EmployerSummary {
    const mine = this.contacts.filter((c) => c.employerId === e.id);
    return {
      id: e.id, name: e.name, sector: e.sector, location: e.location,
      contactCount: mine.length,
      lastContactDate: mine.map((c) => c.occurredAt.slice(0, 10)).sort().pop() ?? null,
    };
  }

  private employersList(search: string): EmployerSummary[] {
    const s = search.trim().toLocaleLowerCase();
    return this.employers
      .filter((e) => !s || e.name.toLocaleLowerCase().includes(s) || e.location.toLocaleLowerCase().includes(s))
      .sort((x, y) => x.name.localeCompare(y.name))
      .map((e) => this.summary(e));
  }

  private similar(name: string, location: string): EmployerSummary[] {
    const core = (s: string) => s.toLocaleLowerCase().replace(/\b(oy|oyj|ab|ky|ry|tmi)\b/g, "").replace(/[^\p{L}\p{N}]/gu, "");
    const n = core(name);
    if (n.length < 2) return [];
    return this.employers
      .filter((e) => {
        const en = core(e.name);
        const sameName = en.startsWith(n) || n.startsWith(en);
        return sameName && (!location.trim() || !e.location || e.location.toLocaleLowerCase() === location.trim().toLocaleLowerCase());
      })
      .map((e) => this.summary(e));
  }

  private employerSave(id: string | null, input: EmployerInput): Employer {
    const e = new Problems();
    employerProblems(input, e);
    e.throwIfAny();
    return this.storeEmployer(id, normalizedEmployer(input));
  }

  private storeEmployer(id: string | null, input: EmployerInput): Employer {
    if (id) {
      const e = this.employer(id);
      Object.assign(e, input, { updatedAt: this.now.toISOString(), version: String(++this.seq) });
      return { ...e };
    }
    const employer: Employer = { ...input, id: this.id("employer"), ...this.stamp() };
    this.employers.push(employer);
    return { ...employer };
  }

  private views(): ContactView[] {
    const visits = new Map<string, number>();
    const ordered = [...this.contacts].sort((x, y) => x.occurredAt.localeCompare(y.occurredAt));
    const numbered = ordered.map((c) => {
      const n = (visits.get(c.employerId) ?? 0) + 1;
      visits.set(c.employerId, n);
      return {
        ...c,
        visitNumber: n,
        employerName: this.employer(c.employerId).name,
        clientNames: c.clientIds.map((id) => this.client(id).name),
      };
    });
    return numbered.reverse();
  }

  private contactsOf(employerId: string): ContactView[] {
    this.employer(employerId);
    return this.views().filter((c) => c.employerId === employerId);
  }

  private contactSave(id: string | null, input: ContactInput, coach = this.settings.coachName): ContactView {
    const e = new Problems();
    if (!input.employerId && !input.newEmployer) e.add("employerId", "required");
    else if (input.employerId && input.newEmployer) e.add("employerId", "invalid");
    else if (input.newEmployer) employerProblems(input.newEmployer, e, "newEmployer.");
    const now = this.now;
    const occurred = input.occurredAt.slice(0, 16);
    if (occurred > isoMinute(new Date(now.getTime() + 24 * 3600 * 1000))) e.add("occurredAt", "too_far_in_future");
    else if (occurred.slice(0, 10) < EARLIEST) e.add("occurredAt", "too_far_in_past");
    e.maxLen("contactPerson", input.contactPerson, NAME);
    e.maxLen("contactRole", input.contactRole, NAME);
    e.maxLen("nextStep", input.nextStep, SHORT_TEXT);
    e.maxLen("notes", input.notes, NOTES);
    if (input.nextStepDue) {
      if (input.nextStepDue < occurred.slice(0, 10)) e.add("nextStepDue", "ends_before_start");
      else if (input.nextStepDue > isoDay(daysFrom(now, 731))) e.add("nextStepDue", "too_far_in_future");
    }
    if (input.clientPresent && input.clientIds.length === 0) e.add("clientPresent", "invalid");
    e.throwIfAny();
    const old = id ? (this.contacts.find((c) => c.id === id) ?? reject("not_found")) : null;
    if (input.employerId && !this.employers.some((k) => k.id === input.employerId)) {
      reject("validation", [{ field: "employerId", code: "unknown_employer" }]);
    }
    if (input.clientIds.some((c) => !this.clients.some((k) => k.id === c))) {
      reject("validation", [{ field: "clientIds", code: "unknown_client" }]);
    }
    const employerId = input.employerId ?? this.storeEmployer(null, normalizedEmployer(input.newEmployer!)).id;
    const next = input.nextStep.trim();
    const stored: StoredContact = {
      id: id ?? this.id("contact"), employerId, occurredAt: occurred, coach: old ? old.coach : coach,
      contactPerson: input.contactPerson.trim(), contactRole: input.contactRole.trim(), mode: input.mode,
      clientIds: unique(input.clientIds), clientPresent: input.clientPresent, purposes: unique(input.purposes),
      outcome: input.outcome, nextStep: next, nextStepDue: input.nextStepDue,
      // Editing the next step reopens it.
      nextStepDone: !!old && old.nextStepDone && old.nextStep === next && old.nextStepDue === input.nextStepDue,
      notes: input.notes, reviewedAt: old?.reviewedAt ?? null,
    };
    this.contacts = this.contacts.filter((c) => c.id !== stored.id).concat(stored);
    return this.views().find((v) => v.id === stored.id)!;
  }

  private markReviewed(): number {
    const today = isoDay(this.now);
    const open = this.contacts.filter((c) => !c.reviewedAt && c.occurredAt.slice(0, 10) <= today);
    for (const c of open) c.reviewedAt = today;
    return open.length;
  }

  private followUpDone(id: string): ContactView {
    const c = this.contacts.find((k) => k.id === id) ?? reject("not_found");
    c.nextStepDone = true;
    return this.views().find((v) => v.id === id)!;
  }

  private jobSave(id: string | null, input: JobInput): Job {
    const e = new Problems();
    e.requiredText("jobType", input.jobType, NAME);
    if (input.hoursPerWeek < 0) e.add("hoursPerWeek", "negative");
    else if (input.hoursPerWeek > 80) e.add("hoursPerWeek", "out_of_range");
    if (input.hourlyWage !== null && input.hourlyWage !== undefined) {
      if (input.hourlyWage < 0) e.add("hourlyWage", "negative");
      else if (input.hourlyWage > 1000) e.add("hourlyWage", "out_of_range");
    }
    if (input.startDate > isoDay(daysFrom(this.now, 366))) e.add("startDate", "too_far_in_future");
    else if (input.startDate < EARLIEST) e.add("startDate", "too_far_in_past");
    if (input.endDate && input.endDate < input.startDate) e.add("endDate", "ends_before_start");
    if (input.endReason) e.maxLen("endReason", input.endReason, SHORT_TEXT);
    e.throwIfAny();
    const refs = new Problems();
    if (!this.clients.some((c) => c.id === input.clientId)) refs.add("clientId", "unknown_client");
    if (!this.employers.some((k) => k.id === input.employerId)) refs.add("employerId", "unknown_employer");
    refs.throwIfAny();
    if (id && !this.jobs.some((j) => j.id === id)) reject("not_found");
    const job: Job = { ...input, endDate: input.endDate ?? null, hourlyWage: input.hourlyWage ?? null, endReason: input.endReason ?? null,
      id: id ?? this.id("job"), employerName: this.employer(input.employerId).name };
    this.jobs = this.jobs.filter((j) => j.id !== job.id).concat(job);
    return job;
  }

  private supportCreate(input: SupportContactInput): SupportContact {
    const e = new Problems();
    const occurred = input.occurredAt.slice(0, 16);
    if (occurred > isoMinute(new Date(this.now.getTime() + 24 * 3600 * 1000))) e.add("occurredAt", "too_far_in_future");
    else if (occurred.slice(0, 10) < EARLIEST) e.add("occurredAt", "too_far_in_past");
    e.maxLen("notes", input.notes, NOTES);
    e.throwIfAny();
    const refs = new Problems();
    if (!this.clients.some((c) => c.id === input.clientId)) refs.add("clientId", "unknown_client");
    if (input.jobId && !this.jobs.some((j) => j.id === input.jobId && j.clientId === input.clientId)) refs.add("jobId", "invalid");
    refs.throwIfAny();
    const s: SupportContact = { ...input, jobId: input.jobId ?? null, occurredAt: occurred, id: this.id("support") };
    this.support.push(s);
    return s;
  }

  private todayView(): TodayView {
    const today = this.today();
    // The whole current week, Monday to Sunday: a contact logged ahead for later this week counts.
    const monday = daysFrom(this.now, -((this.now.getDay() + 6) % 7));
    const weekStart = isoDay(monday);
    const nextMonday = isoDay(daysFrom(monday, 7));
    const open = this.views().filter((c) => c.nextStepDue && !c.nextStepDone);
    const followUp = (c: ContactView) => ({
      contactId: c.id, employerName: c.employerName, nextStep: c.nextStep, due: c.nextStepDue!, clientNames: c.clientNames,
    });
    return {
      today,
      dueToday: open.filter((c) => c.nextStepDue === today).map(followUp),
      overdue: open.filter((c) => c.nextStepDue! < today).map(followUp),
      weekStart,
      weekFaceToFace: this.contacts.filter((c) => c.mode === "face_to_face" && c.occurredAt.slice(0, 10) >= weekStart && c.occurredAt.slice(0, 10) < nextMonday).length,
      weekTarget: Math.round(6 * this.settings.fte * 10) / 10,
      actions: this.actionsDue(),
    };
  }

  // ---- Fidelity reviews (polku-core service/reviews.rs, evidence.rs; polku-domain fidelity) ----

  private scale(id: string, version?: string): ScaleInfo | undefined {
    return this.scales.filter((s) => s.id === id && (version === undefined || s.version === version))
      .sort((x, y) => y.version.localeCompare(x.version))[0];
  }

  private stored(id: string): StoredReview {
    return this.reviews.find((r) => r.id === id) ?? reject("not_found");
  }

  private summarize(scale: ScaleInfo, items: ReviewItem[]): Summary {
    const blank = (): AnswerCounts => ({ yes: 0, partly: 0, no: 0 });
    const sections = scale.sections.map((s) => ({ section: s.code, items: 0, rated: 0, points: 0, maxPoints: 0, answers: blank() }));
    const answers = blank();
    const scores: Record<string, ItemScore> = {};
    let total = 0;
    for (const item of scale.items) {
      const sub = sections.find((s) => s.section === item.section);
      if (!sub) continue;
      sub.items++;
      if (scale.kind === "points") sub.maxPoints += 5;
      const rating = items.find((i) => i.item === item.code)?.rating;
      if (!rating) continue;
      const score = scoreOf(item, rating);
      if (!score) continue;
      sub.rated++;
      if (score.kind === "points") {
        sub.points += score.value;
        total += score.value;
      } else {
        sub.answers[score.value]++;
        answers[score.value]++;
      }
      scores[item.code] = score;
    }
    const rated = Object.keys(scores).length;
    const complete = rated === scale.items.length;
    const maxTotal = scale.kind === "points" ? scale.items.length * 5 : 0;
    return {
      scaleId: scale.id, scaleVersion: scale.version, items: scale.items.length, rated, complete, total, maxTotal,
      band: complete ? (bandFor(scale.bands, total)?.code ?? null) : null, sections, answers, scores,
    };
  }

  private assemble(r: StoredReview): Review {
    const scale = this.scale(r.input.scaleId, r.scaleVersion) ?? reject("not_found");
    const items = scale.items.map((it) => r.items.get(it.code) ?? { item: it.code, rating: null, suggested: null, notes: "", evidenceMissing: false });
    return {
      id: r.id, ...r.input, scaleVersion: r.scaleVersion, items,
      actions: this.actions.filter((a) => a.reviewId === r.id).sort(byDue).map(({ createdAt: _, ...a }) => a),
      summary: this.summarize(scale, items), createdAt: r.createdAt, updatedAt: r.updatedAt,
    };
  }

  private review(id: string): Review {
    return this.assemble(this.stored(id));
  }

  private reviewsList(): ReviewRow[] {
    return [...this.reviews]
      .sort((x, y) => y.input.periodTo.localeCompare(x.input.periodTo) || y.createdAt.localeCompare(x.createdAt))
      .map((r) => {
        const { summary: s } = this.assemble(r);
        return {
          id: r.id, scaleId: r.input.scaleId, scaleVersion: r.scaleVersion, kind: r.input.kind, periodFrom: r.input.periodFrom,
          periodTo: r.input.periodTo, total: s.total, maxTotal: s.maxTotal, rated: s.rated, items: s.items, band: s.band,
          updatedAt: r.updatedAt,
        };
      });
  }

  private reviewStart(input: ReviewInput): Review {
    const e = new Problems();
    e.requiredText("scaleId", input.scaleId, NAME);
    e.maxLen("raters", input.raters, SHORT_TEXT);
    if (input.periodTo < input.periodFrom) e.add("periodTo", "ends_before_start");
    if (input.periodFrom > this.today()) e.add("periodFrom", "too_far_in_future");
    e.throwIfAny();
    const scale = this.scale(input.scaleId) ?? reject("validation", [{ field: "scaleId", code: "invalid" }]);
    const at = this.now.toISOString();
    const r: StoredReview = {
      id: this.id("review"), input: { ...input, raters: input.raters.trim() }, scaleVersion: scale.version,
      items: new Map(), createdAt: at, updatedAt: at,
    };
    this.reviews.push(r);
    return this.assemble(r);
  }

  private updateItem(id: string, code: string, change: (scale: ScaleInfo, item: ReviewItem) => void): Review {
    const r = this.stored(id);
    const scale = this.scale(r.input.scaleId, r.scaleVersion) ?? reject("not_found");
    if (!scale.items.some((i) => i.code === code)) reject("validation", [{ field: "item", code: "invalid" }]);
    const item = r.items.get(code) ?? { item: code, rating: null, suggested: null, notes: "", evidenceMissing: false };
    change(scale, item);
    r.items.set(code, item);
    r.updatedAt = this.now.toISOString();
    return this.assemble(r);
  }

  private reviewRate(id: string, input: RateInput): Review {
    return this.updateItem(id, input.item, (scale, item) => {
      const def = scale.items.find((i) => i.code === input.item)!;
      // Like Rust: the rating's kind must match the item's scoring, and its value the range.
      for (const r of [input.rating, input.suggested]) {
        if (r && !scoreOf(def, r)) reject("validation", [{ field: "rating", code: "invalid" }]);
      }
      item.rating = input.rating ?? null;
      if (input.suggested) item.suggested = input.suggested; // as Rust: a stored suggestion stays
    });
  }

  private reviewNote(id: string, input: NoteInput): Review {
    const e = new Problems();
    e.maxLen("notes", input.notes, NOTES);
    e.throwIfAny();
    return this.updateItem(id, input.item, (_, item) => {
      item.notes = input.notes;
      item.evidenceMissing = input.evidenceMissing;
    });
  }

  private reviewActionAdd(id: string, input: ActionInput): Review {
    const e = new Problems();
    e.requiredText("what", input.what, SHORT_TEXT);
    e.maxLen("who", input.who, NAME);
    e.throwIfAny();
    const r = this.stored(id);
    this.actions.push({
      id: this.id("action"), reviewId: id, item: input.item, what: input.what.trim(), who: input.who.trim(),
      due: input.due ?? null, done: false, createdAt: ++this.seq,
    });
    r.updatedAt = this.now.toISOString();
    return this.assemble(r);
  }

  private reviewActionDone(actionId: string): Review {
    const a = this.actions.find((x) => x.id === actionId) ?? reject("not_found");
    a.done = true;
    return this.review(a.reviewId);
  }

  private actionsDue(): ActionDue[] {
    const until = isoDay(daysFrom(this.now, 7));
    return this.actions
      .filter((a) => !a.done && (!a.due || a.due <= until))
      .sort(byDue)
      .map(({ id, reviewId, item, what, who, due }) => ({ id, reviewId, item, what, who, due }));
  }

  /** The figures for a period, counted roughly as Rust counts them (service/evidence.rs). */
  evidence(from: string, to: string): FidelityEvidence {
    const fte = this.settings.fte;
    const open = (c: Client) => !!c.entryDate && c.entryDate <= to && (!c.dischargeDate || c.dischargeDate > to);
    const active = this.clients.filter(open).length;
    const inPeriod = (day: string) => day >= from && day <= to;
    const faceToFace = this.contacts.filter((c) => c.mode === "face_to_face");
    const entered = this.clients.filter((c) => c.entryDate && inPeriod(c.entryDate));
    const firsts = entered.map((c) => {
      const first = faceToFace.filter((k) => k.clientIds.includes(c.id) && k.occurredAt.slice(0, 10) >= c.entryDate!)
        .map((k) => k.occurredAt.slice(0, 10)).sort()[0];
      return { days: Math.max(0, dayNumber(first ?? to) - dayNumber(c.entryDate!)), waiting: !first };
    });
    const f2f = faceToFace.filter((k) => inPeriod(k.occurredAt.slice(0, 10)));
    const weeks = (dayNumber(to) - dayNumber(from) + 1) / 7;
    const jobSeekers = this.clients.filter((c) => open(c) && c.stage === "rapid_job_search").length;
    const byEmployer = new Map<string, number>();
    for (const k of f2f) byEmployer.set(k.employerId, (byEmployer.get(k.employerId) ?? 0) + 1);
    const held = this.jobs.filter((j) => j.started && j.startDate <= to && (!j.endDate || j.endDate >= from));
    const starts = this.jobs.filter((j) => inPeriod(j.startDate));
    return {
      from, to, fte,
      caseload: { activeClients: active, perFte: active / fte },
      rapidSearch: {
        clientsEntered: entered.length, withContact: firsts.filter((f) => !f.waiting).length,
        stillWaiting: firsts.filter((f) => f.waiting).length,
        meanDays: firsts.length ? firsts.reduce((sum, f) => sum + f.days, 0) / firsts.length : null,
      },
      employerContact: {
        faceToFace: f2f.length, weeks, perWeekPerFte: f2f.length / weeks / fte, jobSeekers,
        weeklyTarget: weeklyContactTarget(jobSeekers),
        weeksReviewed: new Set(f2f.filter((k) => k.reviewedAt).map((k) => Math.floor((dayNumber(k.occurredAt.slice(0, 10)) - dayNumber(from)) / 7))).size,
      },
      contactQuality: {
        employersVisited: byEmployer.size, employersVisitedRepeatedly: [...byEmployer.values()].filter((n) => n > 1).length,
        visitsLearningNeeds: f2f.filter((k) => k.purposes.includes("learn_needs")).length,
        visitsPresentingJobSeeker: f2f.filter((k) => k.purposes.includes("present_job_seeker")).length,
        faceToFace: f2f.length,
      },
      jobs: {
        jobs: held.length, distinctJobTypes: new Set(held.map((j) => j.jobType.trim().toLowerCase())).size,
        distinctEmployers: new Set(held.map((j) => j.employerId)).size, competitive: held.filter((j) => j.competitive).length,
      },
      followAlong: { jobStarts: starts.length, metWeekBefore: 0, metWithinThreeDays: 0, startsWithFullFirstMonth: 0, weeklyInFirstMonth: 0, onSchedule: 0 },
    };
  }

  private reviewEvidence(id: string): FidelityEvidence {
    const r = this.stored(id);
    return this.evidence(r.input.periodFrom, r.input.periodTo);
  }

  /** As polku-domain fidelity::suggest: S1 (count), V4 (days), V8–V10 (percentages). */
  private reviewSuggestions(id: string): Suggestion[] {
    const r = this.stored(id);
    const scale = this.scale(r.input.scaleId, r.scaleVersion) ?? reject("not_found");
    const ev = this.evidence(r.input.periodFrom, r.input.periodTo);
    const out: Suggestion[] = [];
    const push = (code: string, rating: Rating, basis: Basis) => {
      const item = scale.items.find((i) => i.code === code);
      const score = item && scoreOf(item, rating);
      if (score) out.push({ item: code, rating, score, basis });
    };
    push("S1", { kind: "count", value: ev.caseload.perFte }, { kind: "caseload", activeClients: ev.caseload.activeClients, fte: ev.fte, perFte: ev.caseload.perFte });
    const mean = ev.rapidSearch.meanDays;
    if (mean !== null) {
      push("V4", { kind: "days", value: Math.ceil(mean) }, { kind: "rapid_search", clientsEntered: ev.rapidSearch.clientsEntered, stillWaiting: ev.rapidSearch.stillWaiting, meanDays: mean });
    }
    const j = ev.jobs;
    for (const [code, counted] of [["V8", j.distinctJobTypes], ["V9", j.distinctEmployers], ["V10", j.competitive]] as const) {
      const percent = percentOf(counted, j.jobs);
      if (percent !== null) push(code, { kind: "percentage", value: percent }, { kind: "job_share", jobs: j.jobs, counted, percent });
    }
    return out;
  }

  private reviewExport(id: string, format: string): string {
    const r = this.stored(id);
    if (format !== "pdf" && format !== "csv") reject("validation", [{ field: "format", code: "invalid" }]);
    const path = `/home/coach/Documents/Polku/arviointi-${r.input.periodTo}.${format}`;
    this.exports.push(path);
    return path;
  }

  /** As Rust's quarterly_outcomes (service/evidence.rs), from the records as they stand. */
  private quarterlyOutcomes(quarter: Quarter): QuarterOutcomes {
    if (!Number.isInteger(quarter.year) || !Number.isInteger(quarter.quarter) || quarter.quarter < 1 || quarter.quarter > 4) {
      reject("validation", [{ field: "quarter", code: "out_of_range" }]);
    }
    const [from, to] = quarterBounds(quarter);
    const recent = isoDay(daysFrom(new Date(`${to}T12:00`), -27));
    const day = (at: string) => at.slice(0, 10);
    const served = this.clients
      .filter((c) => (c.entryDate ?? c.referralDate ?? c.createdAt.slice(0, 10)) <= to && (!c.dischargeDate || c.dischargeDate >= from))
      .map((c) => ({
        employed: c.employedAtEntry,
        worked: this.jobs.some((j) => j.clientId === c.id && j.competitive && j.started && j.startDate <= to && (!j.endDate || j.endDate >= from)),
        active: this.contacts.some((k) => k.clientIds.includes(c.id) && day(k.occurredAt) >= recent && day(k.occurredAt) <= to)
          || this.support.some((s) => s.clientId === c.id && day(s.occurredAt) >= recent && day(s.occurredAt) <= to),
      }));
    const outOfWork = served.filter((s) => !s.employed);
    const jobs = this.jobs.filter((j) => j.started).sort((x, y) => x.startDate.localeCompare(y.startDate));
    const firstStart = new Map<string, string>();
    for (const j of jobs) if (!firstStart.has(j.clientId)) firstStart.set(j.clientId, j.startDate);
    const plus13Weeks = (iso: string) => isoDay(daysFrom(new Date(`${iso}T12:00`), 91));
    // As Rust: a job is judged once, in the quarter its 13-week mark falls in.
    const oldEnough = jobs.filter((j) => plus13Weeks(j.startDate) >= from && plus13Weeks(j.startDate) <= to);
    const inQuarter = (d: string) => d >= from && d <= to;
    const worked = served.filter((s) => s.worked).length;
    const workedOow = outOfWork.filter((s) => s.worked).length;
    return {
      quarter: { year: quarter.year, quarter: quarter.quarter },
      served: served.length,
      workedCompetitively: worked,
      employmentRate: percentOf(worked, served.length),
      servedOutOfWorkAtEntry: outOfWork.length,
      workedOutOfWorkAtEntry: workedOow,
      employmentRateOutOfWorkAtEntry: percentOf(workedOow, outOfWork.length),
      newJobStarts: jobs.filter((j) => inQuarter(j.startDate)).length,
      intoFirstJob: [...firstStart.values()].filter(inQuarter).length,
      jobsOldEnough: oldEnough.length,
      jobsKept13Weeks: oldEnough.filter((j) => !j.endDate || j.endDate >= plus13Weeks(j.startDate)).length,
      activeClients: served.filter((s) => s.active).length,
    };
  }

  private outcomesExport(quarter: Quarter, format: unknown): string {
    this.quarterlyOutcomes(quarter);
    if (format !== "pdf" && format !== "csv") reject("validation", [{ field: "format", code: "invalid" }]);
    const path = `/home/coach/Documents/Polku/tulokset-${quarterKey(quarter)}.${format}`;
    this.exports.push(path);
    return path;
  }

  /** A rating of the item's own kind that scores `points` (for seeding and tests). */
  ratingFor(item: Item, points: number): Rating {
    const s = item.scoring;
    switch (s.kind) {
      case "components": return { kind: "components", value: s.components.slice(0, Math.max(0, s.scoreForCount.indexOf(points))).map((c) => c.id) };
      case "percentage_bands": return { kind: "percentage", value: points === 1 ? Math.max(0, s.cutOffs[3] - 1) : s.cutOffs[5 - points] };
      case "day_bands": return { kind: "days", value: points === 1 ? s.cutOffs[3] + 1 : s.cutOffs[5 - points] };
      case "count_bands": return { kind: "count", value: points === 1 ? s.cutOffs[3] + 1 : s.cutOffs[5 - points] };
      case "yes_partly_no": return { kind: "checklist", value: points >= 4 ? "yes" : points >= 2 ? "partly" : "no" };
      default: return { kind: "anchored", value: points };
    }
  }

  /** Rates every item of a review (but those in `skip`) at the points `points(index)` gives. */
  rateAll(id: string, points: (index: number) => number, skip: string[] = []): Review {
    const r = this.stored(id);
    const scale = this.scale(r.input.scaleId, r.scaleVersion)!;
    for (const item of scale.items) {
      if (!skip.includes(item.code)) this.reviewRate(id, { item: item.code, rating: this.ratingFor(item, points(item.index)), suggested: null });
    }
    return this.review(id);
  }

  /** Two finished reviews half a year apart, for the history, chart and compare screens. */
  seedReviews(): void {
    const day = (days: number) => isoDay(daysFrom(this.now, days));
    const first = this.reviewStart({ scaleId: "ips-25", kind: "external", periodFrom: day(-540), periodTo: day(-365), raters: "THL:n arvioijat" });
    this.rateAll(first.id, (i) => [3, 4, 3][i % 3]);
    this.reviewNote(first.id, { item: "V6", notes: "Työnantajakäyntejä noin 4 viikossa.", evidenceMissing: false });
    const second = this.reviewStart({ scaleId: "ips-25", kind: "self", periodFrom: day(-365), periodTo: day(-182), raters: "Laura Demo" });
    this.rateAll(second.id, (i) => [4, 5, 4, 4][i % 4]);
    this.reviewNote(second.id, { item: "V13", notes: "", evidenceMissing: true });
    this.reviewActionAdd(second.id, { item: "V6", what: "Sovi viikoittainen lokin läpikäynti esihenkilön kanssa", who: "Laura Demo", due: day(3) });
  }

  /**
   * Conflicts a pulled round could bring: two on one client (free text and a stage, which
   * cannot be edited as text) and one on an employer. Needs the demo records.
   */
  seedConflicts(): ConflictView[] {
    const hoursAgo = (h: number) => new Date(this.now.getTime() - h * 3_600_000).toISOString();
    const side = (value: unknown, hours: number, thisDevice: boolean) => ({ value, writtenAt: hoursAgo(hours), thisDevice });
    const aino = this.clients.find((c) => c.name === "Aino Virtanen") ?? reject("not_found");
    const kesko = this.employers.find((e) => e.name === "Kesko Oy") ?? reject("not_found");
    const client = { entity: "client", recordId: aino.id, recordLabel: aino.name };
    // The kept value is the one in the record now.
    aino.notes = "Kiinnostunut kaupan alasta.";
    return [
      this.sync.addConflict({ ...client, field: "notes", kept: side("Kiinnostunut kaupan alasta.", 1, false), lost: side("Haluaa aamuvuoroja.", 3, true) }),
      this.sync.addConflict({ ...client, field: "stage", kept: side("rapid_job_search", 2, true), lost: side("employer_engagement", 4, false) }),
      this.sync.addConflict({
        entity: "employer", recordId: kesko.id, recordLabel: kesko.name, field: "location",
        kept: side("Tampere", 5, false), lost: side("Tampere, Hervanta", 6, true),
      }),
    ];
  }

  /** Like Rust, only into an empty database, so demo records never mix with real ones. */
  demoLoad(): DemoSummary {
    if (this.clients.length || this.employers.length) reject("not_empty");
    const at = (days: number, time = "10:00") => `${isoDay(daysFrom(this.now, days))}T${time}`;
    const day = (days: number) => isoDay(daysFrom(this.now, days));
    const client = (name: string, responsible: string, stage: Client["stage"], entry: number) =>
      this.clientSave(null, {
        name, responsibleProfessional: responsible, stage, referralDate: day(entry - 14), entryDate: day(entry),
        profileStartedDate: day(entry + 7), benefitsPlanningDate: null, disclosureDiscussedDate: null,
        employedAtEntry: false, preferences: "", notes: "",
      });
    const aino = client("Aino Virtanen", "Maria Laine", "rapid_job_search", -60);
    const mikko = client("Mikko Korhonen", "Jussi Nieminen", "support", -200);
    const sara = client("Sara Lindqvist", "Maria Laine", "vocational_profiling", -20);
    const kesko = this.employerSave(null, { name: "Kesko Oy", businessId: null, sector: "Kauppa", location: "Tampere" });
    const cafe = this.employerSave(null, { name: "Kahvila Sointu", businessId: null, sector: "Ravintola-ala", location: "Tampere" });
    const varasto = this.employerSave(null, { name: "Pirkanmaan Varastopalvelu Oy", businessId: null, sector: "Logistiikka", location: "Nokia" });
    const contact = (employerId: string, when: string, clientIds: string[], extra: Partial<ContactInput> = {}) =>
      this.contactSave(null, {
        employerId, newEmployer: null, occurredAt: when, contactPerson: "Liisa Mäkelä", contactRole: "myymäläpäällikkö",
        mode: "face_to_face", clientIds, clientPresent: false, purposes: ["learn_needs"], outcome: "information_gathered",
        nextStep: "", nextStepDue: null, notes: "", ...extra,
      }, DEMO_COACH);
    contact(kesko.id, at(-20), [aino.id]);
    contact(kesko.id, at(-1, "09:30"), [aino.id], { purposes: ["present_job_seeker"], nextStep: "Soita haastatteluajasta", nextStepDue: day(0) });
    contact(cafe.id, at(-5, "08:15"), [], { purposes: ["present_service"], nextStep: "Vie esite", nextStepDue: day(-2) });
    contact(varasto.id, at(-3), [sara.id], { mode: "phone" });
    const job = this.jobSave(null, {
      clientId: mikko.id, employerId: varasto.id, jobType: "varastotyöntekijä", startDate: day(-90), endDate: null,
      hoursPerWeek: 20, hourlyWage: 13.5, permanent: false, competitive: true, wageSubsidy: true, started: true, endReason: null,
    });
    this.supportCreate({ clientId: mikko.id, jobId: job.id, occurredAt: at(-7, "14:00"), mode: "face_to_face", withEmployer: true, notes: "Työvuorot sovittu." });
    return { clients: 3, employers: 3, contacts: 4, jobs: 1, supportContacts: 1 };
  }
}
