// The one place the UI talks to the Rust side. Every function is a thin `invoke` of one Tauri
// command; the types mirror the Rust structs (generated copies live in ../bindings/, and the
// Rust test suite fails when those drift).
import { invoke } from "@tauri-apps/api/core";

export type Stage =
  | "engagement"
  | "vocational_profiling"
  | "rapid_job_search"
  | "employer_engagement"
  | "support";
export type ContactMode = "face_to_face" | "phone" | "email" | "video";
export type ContactPurpose =
  | "learn_needs"
  | "present_service"
  | "present_job_seeker"
  | "ask_for_hire"
  | "follow_up_after_hire"
  | "accommodation";
export type ContactOutcome =
  | "information_gathered"
  | "opening_found"
  | "interview_arranged"
  | "hired"
  | "no_current_need"
  | "declined";
export type Language = "fi" | "sv" | "en";

/** Dates are "YYYY-MM-DD"; date-times are local wall time "YYYY-MM-DDTHH:MM". */
export type IsoDate = string;
export type LocalDateTime = string;

export interface ClientInput {
  name: string;
  responsibleProfessional: string;
  stage: Stage;
  referralDate: IsoDate | null;
  entryDate: IsoDate | null;
  profileStartedDate: IsoDate | null;
  benefitsPlanningDate: IsoDate | null;
  disclosureDiscussedDate: IsoDate | null;
  employedAtEntry: boolean;
  preferences: string;
  notes: string;
}
export interface Client extends ClientInput {
  id: string;
  dischargeDate: IsoDate | null;
  dischargeReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: string;
}
export interface ClientSummary {
  id: string;
  name: string;
  stage: Stage;
  responsibleProfessional: string;
  closed: boolean;
  lastContactDate: IsoDate | null;
  working: boolean;
}
export interface CaseloadQuery {
  search: string;
  stage: Stage | null;
  includeClosed: boolean;
}
export interface CloseClientInput {
  dischargeDate: IsoDate;
  dischargeReason: string;
}

export interface EmployerInput {
  name: string;
  businessId: string | null;
  sector: string;
  location: string;
}
export interface Employer extends EmployerInput {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: string;
}
export interface EmployerSummary {
  id: string;
  name: string;
  sector: string;
  location: string;
  contactCount: number;
  lastContactDate: IsoDate | null;
}

export interface ContactInput {
  /** An existing employer, or null when `newEmployer` is given (created in the same save). */
  employerId: string | null;
  newEmployer: EmployerInput | null;
  occurredAt: LocalDateTime;
  contactPerson: string;
  contactRole: string;
  mode: ContactMode;
  /** Empty = general job development. */
  clientIds: string[];
  clientPresent: boolean;
  purposes: ContactPurpose[];
  outcome: ContactOutcome | null;
  nextStep: string;
  nextStepDue: IsoDate | null;
  notes: string;
}
export interface ContactView {
  id: string;
  employerId: string;
  employerName: string;
  occurredAt: LocalDateTime;
  contactPerson: string;
  contactRole: string;
  mode: ContactMode;
  clientIds: string[];
  clientNames: string[];
  clientPresent: boolean;
  visitNumber: number;
  purposes: ContactPurpose[];
  outcome: ContactOutcome | null;
  nextStep: string;
  nextStepDue: IsoDate | null;
  nextStepDone: boolean;
  notes: string;
  reviewedAt: IsoDate | null;
}

export interface JobInput {
  clientId: string;
  employerId: string;
  jobType: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  hoursPerWeek: number;
  /** Euros per hour, null when not known. */
  hourlyWage: number | null;
  permanent: boolean;
  competitive: boolean;
  wageSubsidy: boolean;
  endReason: string | null;
}
export interface Job extends JobInput {
  id: string;
  employerName: string;
}

export interface SupportContactInput {
  clientId: string;
  jobId: string | null;
  occurredAt: LocalDateTime;
  mode: ContactMode;
  withEmployer: boolean;
  notes: string;
}
export interface SupportContact extends SupportContactInput {
  id: string;
}

export interface FollowUp {
  contactId: string;
  employerName: string;
  nextStep: string;
  due: IsoDate;
  clientNames: string[];
}
export interface TodayView {
  today: IsoDate;
  dueToday: FollowUp[];
  overdue: FollowUp[];
  weekStart: IsoDate;
  weekFaceToFace: number;
  /** 6 × the coach's FTE, rounded to one decimal. */
  weekTarget: number;
}

export type TimelineKind =
  | "milestone"
  | "employer_contact"
  | "job_start"
  | "job_end"
  | "support_contact";
export type Milestone =
  | "referral"
  | "entry"
  | "profile_started"
  | "benefits_planning"
  | "disclosure_discussed"
  | "discharge";
export interface TimelineEntry {
  /** IsoDate or LocalDateTime; entries are sorted newest first. */
  at: string;
  kind: TimelineKind;
  milestone: Milestone | null;
  refId: string | null;
  employerName: string | null;
  mode: ContactMode | null;
  /** Free text from the record (job type, next step, notes excerpt). */
  detail: string;
}

export interface Draft {
  /** Stable per form instance, e.g. "client-new" or "contact-quick". */
  key: string;
  form: string;
  payload: unknown;
  updatedAt: string;
}

export interface Settings {
  language: Language;
  coachName: string;
  fte: number;
  /** The last screen shown, so the app reopens where the coach left it. */
  lastView: string;
}

export interface DemoSummary {
  clients: number;
  employers: number;
  contacts: number;
  jobs: number;
  supportContacts: number;
}

export type AppStatus =
  | { state: "ready"; dataDir: string }
  | { state: "error"; code: ErrorCode; path: string; message: string };

export type ErrorCode =
  | "validation"
  | "not_found"
  | "database_newer"
  | "not_a_polku_database"
  | "database_corrupt"
  | "storage"
  | "unavailable";
export interface FieldError {
  /** camelCase field name from the input struct, e.g. "name", "hoursPerWeek". */
  field: string;
  /** required | too_long | in_future | too_far_in_future | negative | out_of_range | ends_before_start | unknown_employer | unknown_client | invalid */
  code: string;
}
/** What every rejected command throws. */
export interface IpcError {
  code: ErrorCode;
  message: string;
  fields: FieldError[];
}

export const api = {
  appStatus: () => invoke<AppStatus>("app_status"),
  /** Tells the shell the first screen is on display (start-up benchmark). */
  uiReady: () => invoke<void>("ui_ready"),
  settingsGet: () => invoke<Settings>("settings_get"),
  settingsUpdate: (settings: Settings) => invoke<Settings>("settings_update", { settings }),

  clientsList: (query: CaseloadQuery) => invoke<ClientSummary[]>("clients_list", { query }),
  clientGet: (id: string) => invoke<Client>("client_get", { id }),
  clientCreate: (input: ClientInput) => invoke<Client>("client_create", { input }),
  clientUpdate: (id: string, input: ClientInput) => invoke<Client>("client_update", { id, input }),
  clientClose: (id: string, input: CloseClientInput) =>
    invoke<Client>("client_close", { id, input }),
  clientTimeline: (id: string) => invoke<TimelineEntry[]>("client_timeline", { id }),

  employersList: (search: string) => invoke<EmployerSummary[]>("employers_list", { search }),
  employerGet: (id: string) => invoke<Employer>("employer_get", { id }),
  employerCreate: (input: EmployerInput) => invoke<Employer>("employer_create", { input }),
  employerUpdate: (id: string, input: EmployerInput) =>
    invoke<Employer>("employer_update", { id, input }),
  /** Existing employers that look like the one being typed (duplicate warning). */
  employersSimilar: (name: string, location: string) =>
    invoke<EmployerSummary[]>("employers_similar", { name, location }),
  employerContacts: (employerId: string) =>
    invoke<ContactView[]>("employer_contacts", { employerId }),

  contactCreate: (input: ContactInput) => invoke<ContactView>("contact_create", { input }),
  contactUpdate: (id: string, input: ContactInput) =>
    invoke<ContactView>("contact_update", { id, input }),
  contactFollowUpDone: (id: string) => invoke<ContactView>("contact_follow_up_done", { id }),
  contactsRecent: (limit: number) => invoke<ContactView[]>("contacts_recent", { limit }),
  /** The visit number a new contact with this employer would get. */
  nextVisitNumber: (employerId: string) => invoke<number>("next_visit_number", { employerId }),

  jobsForClient: (clientId: string) => invoke<Job[]>("jobs_for_client", { clientId }),
  jobCreate: (input: JobInput) => invoke<Job>("job_create", { input }),
  jobUpdate: (id: string, input: JobInput) => invoke<Job>("job_update", { id, input }),
  supportForClient: (clientId: string) =>
    invoke<SupportContact[]>("support_for_client", { clientId }),
  supportCreate: (input: SupportContactInput) =>
    invoke<SupportContact>("support_create", { input }),

  today: () => invoke<TodayView>("today"),

  draftsList: () => invoke<Draft[]>("drafts_list"),
  draftSave: (key: string, form: string, payload: unknown) =>
    invoke<void>("draft_save", { key, form, payload }),
  draftDiscard: (key: string) => invoke<void>("draft_discard", { key }),

  demoLoad: () => invoke<DemoSummary>("demo_load"),
};
