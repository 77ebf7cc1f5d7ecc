// The one place the UI talks to the Rust side. Every function is a thin `invoke` of one Tauri
// command. The types are the ones ts-rs generates from the Rust structs into ../bindings/
// (never edited by hand), so a change on the Rust side shows up here as a type error.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "../bindings/AppStatus";
import type { CaseloadQuery } from "../bindings/CaseloadQuery";
import type { Client } from "../bindings/Client";
import type { ClientInput } from "../bindings/ClientInput";
import type { ClientSummary } from "../bindings/ClientSummary";
import type { CloseClientInput } from "../bindings/CloseClientInput";
import type { ContactInput } from "../bindings/ContactInput";
import type { ContactView } from "../bindings/ContactView";
import type { DemoSummary } from "../bindings/DemoSummary";
import type { Draft } from "../bindings/Draft";
import type { Employer } from "../bindings/Employer";
import type { EmployerInput } from "../bindings/EmployerInput";
import type { EmployerSummary } from "../bindings/EmployerSummary";
import type { Job } from "../bindings/Job";
import type { JobInput } from "../bindings/JobInput";
import type { Settings } from "../bindings/Settings";
import type { SupportContact } from "../bindings/SupportContact";
import type { SupportContactInput } from "../bindings/SupportContactInput";
import type { TimelineEntry } from "../bindings/TimelineEntry";
import type { TodayView } from "../bindings/TodayView";
import type { JsonValue } from "../bindings/serde_json/JsonValue";

export type { AppStatus } from "../bindings/AppStatus";
export type { CaseloadQuery } from "../bindings/CaseloadQuery";
export type { Client } from "../bindings/Client";
export type { ClientId } from "../bindings/ClientId";
export type { ClientInput } from "../bindings/ClientInput";
export type { ClientSummary } from "../bindings/ClientSummary";
export type { CloseClientInput } from "../bindings/CloseClientInput";
export type { ContactId } from "../bindings/ContactId";
export type { ContactInput } from "../bindings/ContactInput";
export type { ContactMode } from "../bindings/ContactMode";
export type { ContactOutcome } from "../bindings/ContactOutcome";
export type { ContactPurpose } from "../bindings/ContactPurpose";
export type { ContactView } from "../bindings/ContactView";
export type { DemoSummary } from "../bindings/DemoSummary";
export type { Draft } from "../bindings/Draft";
export type { Employer } from "../bindings/Employer";
export type { EmployerId } from "../bindings/EmployerId";
export type { EmployerInput } from "../bindings/EmployerInput";
export type { EmployerSummary } from "../bindings/EmployerSummary";
export type { ErrorCode } from "../bindings/ErrorCode";
export type { FieldError } from "../bindings/FieldError";
export type { FollowUp } from "../bindings/FollowUp";
export type { IpcError } from "../bindings/IpcError";
export type { Job } from "../bindings/Job";
export type { JobId } from "../bindings/JobId";
export type { JobInput } from "../bindings/JobInput";
export type { Language } from "../bindings/Language";
export type { Milestone } from "../bindings/Milestone";
export type { Settings } from "../bindings/Settings";
export type { Stage } from "../bindings/Stage";
export type { SupportContact } from "../bindings/SupportContact";
export type { SupportContactId } from "../bindings/SupportContactId";
export type { SupportContactInput } from "../bindings/SupportContactInput";
export type { TimelineEntry } from "../bindings/TimelineEntry";
export type { TimelineKind } from "../bindings/TimelineKind";
export type { TodayView } from "../bindings/TodayView";
export type { ValidationCode } from "../bindings/ValidationCode";
export type { JsonValue } from "../bindings/serde_json/JsonValue";

/*
 * Conventions the generated types cannot express:
 * - dates are "YYYY-MM-DD"; date-times are local wall time "YYYY-MM-DDTHH:MM";
 * - every rejected command throws an IpcError. A field Rust cannot read (blank, null, wrong
 *   type) comes back as {code: "validation", fields: [{field, code: "required" | "invalid"}]},
 *   `field` being the camelCase path ("startDate", "newEmployer.name"); only the first such
 *   field is reported. Fields that parse are then checked by the domain, all at once.
 */

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
  draftSave: (key: string, form: string, payload: JsonValue) =>
    invoke<void>("draft_save", { key, form, payload }),
  draftDiscard: (key: string) => invoke<void>("draft_discard", { key }),

  demoLoad: () => invoke<DemoSummary>("demo_load"),
};
