// An in-memory stand-in for the Rust commands, for the browser-only a11y run and for unit
// tests. It follows the contract in api.ts (shapes, visit numbers, validation codes) closely
// enough to drive every screen; it is not the rules engine and must not become one.
import type {
  AppStatus, Client, ClientInput, ClientSummary, ContactInput, ContactView, Draft, Employer,
  EmployerInput, EmployerSummary, FieldError, IpcError, Job, JobInput, Settings, SupportContact,
  SupportContactInput, TimelineEntry, TodayView,
} from "../lib/api";

type Args = Record<string, unknown>;
interface StoredContact extends Omit<ContactView, "employerName" | "clientNames" | "visitNumber"> {}

const pad = (n: number) => String(n).padStart(2, "0");
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysFrom = (base: Date, days: number) => new Date(base.getFullYear(), base.getMonth(), base.getDate() + days);
const reject = (code: IpcError["code"], fields: FieldError[] = []): never => {
  throw { code, message: code, fields } satisfies IpcError;
};

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

  handle(cmd: string, args: Args = {}): unknown {
    if (cmd !== "app_status" && cmd !== "ui_ready" && this.status.state === "error") reject(this.status.code);
    const a = args as Record<string, never>;
    switch (cmd) {
      case "app_status": return this.status;
      case "ui_ready": return null;
      case "settings_get": return { ...this.settings };
      case "settings_update": return this.settingsUpdate(a.settings);
      case "clients_list": return this.clientsList(a.query);
      case "client_get": return this.client(a.id);
      case "client_create": return this.clientSave(null, a.input);
      case "client_update": return this.clientSave(a.id, a.input);
      case "client_close": return this.clientClose(a.id, a.input);
      case "client_timeline": return this.timeline(a.id);
      case "employers_list": return this.employersList(a.search);
      case "employer_get": return this.employer(a.id);
      case "employer_create": return this.employerSave(null, a.input);
      case "employer_update": return this.employerSave(a.id, a.input);
      case "employers_similar": return this.similar(a.name, a.location);
      case "employer_contacts": return this.contactsOf(a.employerId);
      case "contact_create": return this.contactSave(null, a.input);
      case "contact_update": return this.contactSave(a.id, a.input);
      case "contact_follow_up_done": return this.followUpDone(a.id);
      case "contacts_recent": return this.views().slice(0, a.limit as number);
      case "next_visit_number": return this.contacts.filter((c) => c.employerId === a.employerId).length + 1;
      case "jobs_for_client": return this.jobs.filter((j) => j.clientId === a.clientId);
      case "job_create": return this.jobSave(null, a.input);
      case "job_update": return this.jobSave(a.id, a.input);
      case "support_for_client": return this.support.filter((s) => s.clientId === a.clientId).sort((x, y) => y.occurredAt.localeCompare(x.occurredAt));
      case "support_create": return this.supportCreate(a.input);
      case "today": return this.today();
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

  private settingsUpdate(s: Settings): Settings {
    if (!(s.fte >= 0.1 && s.fte <= 1)) reject("validation", [{ field: "fte", code: "out_of_range" }]);
    this.settings = { ...s };
    return { ...s };
  }

  private client(id: string): Client {
    return this.clients.find((c) => c.id === id) ?? reject("not_found");
  }

  private employer(id: string): Employer {
    return this.employers.find((e) => e.id === id) ?? reject("not_found");
  }

  private clientsList(q: { search: string; stage: string | null; includeClosed: boolean }): ClientSummary[] {
    const search = q.search.toLocaleLowerCase();
    const today = isoDay(this.now);
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
    const fields: FieldError[] = [];
    if (!input.name.trim()) fields.push({ field: "name", code: "required" });
    if (input.name.length > 200) fields.push({ field: "name", code: "too_long" });
    const today = isoDay(this.now);
    for (const f of ["referralDate", "entryDate", "profileStartedDate", "benefitsPlanningDate", "disclosureDiscussedDate"] as const) {
      if (input[f] && input[f]! > today) fields.push({ field: f, code: "in_future" });
    }
    if (fields.length) reject("validation", fields);
    if (id) {
      const c = this.client(id);
      Object.assign(c, input, { updatedAt: this.now.toISOString(), version: String(++this.seq) });
      return { ...c };
    }
    const client: Client = { ...input, id: this.id("client"), dischargeDate: null, dischargeReason: null, ...this.stamp() };
    this.clients.push(client);
    return { ...client };
  }

  private clientClose(id: string, input: { dischargeDate: string; dischargeReason: string }): Client {
    const fields: FieldError[] = [];
    if (!input.dischargeDate) fields.push({ field: "dischargeDate", code: "required" });
    if (!input.dischargeReason) fields.push({ field: "dischargeReason", code: "required" });
    if (fields.length) reject("validation", fields);
    const c = this.client(id);
    c.dischargeDate = input.dischargeDate;
    c.dischargeReason = input.dischargeReason;
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

  private employerFields(input: EmployerInput, prefix = ""): FieldError[] {
    return input.name.trim() ? [] : [{ field: `${prefix}name`, code: "required" }];
  }

  private employerSave(id: string | null, input: EmployerInput): Employer {
    const fields = this.employerFields(input);
    if (fields.length) reject("validation", fields);
    if (id) {
      const e = this.employer(id);
      Object.assign(e, input, { updatedAt: this.now.toISOString() });
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

  private contactSave(id: string | null, input: ContactInput): ContactView {
    const fields: FieldError[] = [];
    if (!input.employerId && !input.newEmployer) fields.push({ field: "employerId", code: "required" });
    if (input.employerId && !this.employers.some((e) => e.id === input.employerId)) fields.push({ field: "employerId", code: "unknown_employer" });
    if (input.newEmployer) fields.push(...this.employerFields(input.newEmployer, "newEmployer."));
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input.occurredAt)) fields.push({ field: "occurredAt", code: "required" });
    if (input.nextStepDue && !input.nextStep.trim()) fields.push({ field: "nextStep", code: "required" });
    for (const c of input.clientIds) if (!this.clients.some((k) => k.id === c)) fields.push({ field: "clientIds", code: "unknown_client" });
    if (fields.length) reject("validation", fields);
    const employerId = input.employerId ?? this.employerSave(null, input.newEmployer!).id;
    const stored: StoredContact = {
      id: id ?? this.id("contact"), employerId, occurredAt: input.occurredAt, contactPerson: input.contactPerson,
      contactRole: input.contactRole, mode: input.mode, clientIds: input.clientIds, clientPresent: input.clientPresent,
      purposes: input.purposes, outcome: input.outcome, nextStep: input.nextStep, nextStepDue: input.nextStepDue,
      nextStepDone: false, notes: input.notes, reviewedAt: null,
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
    const fields: FieldError[] = [];
    if (!this.employers.some((e) => e.id === input.employerId)) fields.push({ field: "employerId", code: input.employerId ? "unknown_employer" : "required" });
    if (!input.jobType.trim()) fields.push({ field: "jobType", code: "required" });
    if (!input.startDate) fields.push({ field: "startDate", code: "required" });
    if (input.endDate && input.startDate && input.endDate < input.startDate) fields.push({ field: "endDate", code: "ends_before_start" });
    if (!Number.isFinite(input.hoursPerWeek)) fields.push({ field: "hoursPerWeek", code: "required" });
    else if (input.hoursPerWeek < 0) fields.push({ field: "hoursPerWeek", code: "negative" });
    if (input.hourlyWage !== null && input.hourlyWage < 0) fields.push({ field: "hourlyWage", code: "negative" });
    if (fields.length) reject("validation", fields);
    const job: Job = { ...input, id: id ?? this.id("job"), employerName: this.employer(input.employerId).name };
    this.jobs = this.jobs.filter((j) => j.id !== job.id).concat(job);
    return job;
  }

  private supportCreate(input: SupportContactInput): SupportContact {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input.occurredAt)) reject("validation", [{ field: "occurredAt", code: "required" }]);
    this.client(input.clientId);
    const s: SupportContact = { ...input, id: this.id("support") };
    this.support.push(s);
    return s;
  }

  private today(): TodayView {
    const today = isoDay(this.now);
    const weekStart = isoDay(daysFrom(this.now, -((this.now.getDay() + 6) % 7)));
    const open = this.views().filter((c) => c.nextStepDue && !c.nextStepDone);
    const followUp = (c: ContactView) => ({
      contactId: c.id, employerName: c.employerName, nextStep: c.nextStep, due: c.nextStepDue!, clientNames: c.clientNames,
    });
    return {
      today,
      dueToday: open.filter((c) => c.nextStepDue === today).map(followUp),
      overdue: open.filter((c) => c.nextStepDue! < today).map(followUp),
      weekStart,
      weekFaceToFace: this.contacts.filter((c) => c.mode === "face_to_face" && c.occurredAt.slice(0, 10) >= weekStart && c.occurredAt.slice(0, 10) <= today).length,
      weekTarget: Math.round(6 * this.settings.fte * 10) / 10,
    };
  }

  demoLoad() {
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
      });
    contact(kesko.id, at(-20), [aino.id]);
    contact(kesko.id, at(-1, "09:30"), [aino.id], { purposes: ["present_job_seeker"], nextStep: "Soita haastatteluajasta", nextStepDue: day(0) });
    contact(cafe.id, at(0, "08:15"), [], { purposes: ["present_service"], nextStep: "Vie esite", nextStepDue: day(-2) });
    contact(varasto.id, at(-3), [sara.id], { mode: "phone" });
    const job = this.jobSave(null, {
      clientId: mikko.id, employerId: varasto.id, jobType: "varastotyöntekijä", startDate: day(-90), endDate: null,
      hoursPerWeek: 20, hourlyWage: 13.5, permanent: false, competitive: true, wageSubsidy: true, endReason: null,
    });
    this.supportCreate({ clientId: mikko.id, jobId: job.id, occurredAt: at(-7, "14:00"), mode: "face_to_face", withEmployer: true, notes: "Työvuorot sovittu." });
    return { clients: 3, employers: 3, contacts: 4, jobs: 1, supportContacts: 1 };
  }
}
