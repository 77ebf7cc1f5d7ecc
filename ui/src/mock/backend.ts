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
} from "../lib/api";
import { modes, outcomes, purposes, stages } from "../lib/vocab";

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
  | "string" | "bool" | "number" | "date" | "datetime" | "id"
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
    default: return "oneOf" in spec && typeof value === "string" && spec.oneOf.includes(value);
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
      wageSubsidy: "bool", endReason: optional("string"),
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

export interface MockOptions {
  status?: AppStatus;
  demo?: boolean;
  drafts?: Draft[];
  now?: Date;
}

export class MockBackend {
  status: AppStatus;
  settings: Settings = { language: "fi", coachName: "", fte: 1, lastView: "today" };
  clients: Client[] = [];
  employers: Employer[] = [];
  contacts: StoredContact[] = [];
  jobs: Job[] = [];
  support: SupportContact[] = [];
  drafts = new Map<string, Draft>();
  private seq = 0;
  private now: Date;

  constructor(options: MockOptions = {}) {
    this.status = options.status ?? { state: "ready", dataDir: "/home/coach/.local/share/fi.polku.app" };
    this.now = options.now ?? new Date();
    for (const d of options.drafts ?? []) this.drafts.set(d.key, d);
    if (options.demo) this.demoLoad();
  }

  private id(prefix: string) {
    return `${prefix}-${++this.seq}`;
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
        working: this.jobs.some((j) => j.clientId === c.id && j.startDate <= today && (!j.endDate || j.endDate >= today)),
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
    };
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
      hoursPerWeek: 20, hourlyWage: 13.5, permanent: false, competitive: true, wageSubsidy: true, endReason: null,
    });
    this.supportCreate({ clientId: mikko.id, jobId: job.id, occurredAt: at(-7, "14:00"), mode: "face_to_face", withEmployer: true, notes: "Työvuorot sovittu." });
    return { clients: 3, employers: 3, contacts: 4, jobs: 1, supportContacts: 1 };
  }
}
