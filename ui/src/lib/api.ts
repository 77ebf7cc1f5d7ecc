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
import type { EmployerMerge } from "../bindings/EmployerMerge";
import type { EmployerSummary } from "../bindings/EmployerSummary";
import type { Job } from "../bindings/Job";
import type { JobInput } from "../bindings/JobInput";
import type { Settings } from "../bindings/Settings";
import type { SupportContact } from "../bindings/SupportContact";
import type { SupportContactInput } from "../bindings/SupportContactInput";
import type { TimelineEntry } from "../bindings/TimelineEntry";
import type { TodayView } from "../bindings/TodayView";
import type { ActionInput } from "../bindings/ActionInput";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { FidelityEvidence } from "../bindings/FidelityEvidence";
import type { NoteInput } from "../bindings/NoteInput";
import type { RateInput } from "../bindings/RateInput";
import type { Review } from "../bindings/Review";
import type { ReviewInput } from "../bindings/ReviewInput";
import type { ReviewRow } from "../bindings/ReviewRow";
import type { ScaleError } from "../bindings/ScaleError";
import type { ScaleInfo } from "../bindings/ScaleInfo";
import type { Suggestion } from "../bindings/Suggestion";
import type { Quarter } from "../bindings/Quarter";
import type { QuarterOutcomes } from "../bindings/QuarterOutcomes";
import type { TeamOverview } from "../bindings/TeamOverview";
import type { CoachWeek } from "../bindings/CoachWeek";
import type { CoachName } from "../bindings/CoachName";
import type { HandoverResponse } from "../bindings/HandoverResponse";
import type { LogReview } from "../bindings/LogReview";
import type { LogReviewInput } from "../bindings/LogReviewInput";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
import type { ConflictResolution } from "../bindings/ConflictResolution";
import type { ConflictView } from "../bindings/ConflictView";
import type { EnrolInput } from "../bindings/EnrolInput";

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
export type { EmployerMerge } from "../bindings/EmployerMerge";
export type { EmployerSummary } from "../bindings/EmployerSummary";
export type { ErrorCode } from "../bindings/ErrorCode";
export type { FieldError } from "../bindings/FieldError";
export type { FollowUp } from "../bindings/FollowUp";
export type { ImportProgress } from "../bindings/ImportProgress";
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
export type { CoachWeek } from "../bindings/CoachWeek";
export type { CoachName } from "../bindings/CoachName";
export type { HandoverResponse } from "../bindings/HandoverResponse";
export type { Whose } from "../bindings/Whose";
export type { LogReview } from "../bindings/LogReview";
export type { LogReviewInput } from "../bindings/LogReviewInput";
export type { ValidationCode } from "../bindings/ValidationCode";
export type { ActionDue } from "../bindings/ActionDue";
export type { ActionInput } from "../bindings/ActionInput";
export type { Anchor } from "../bindings/Anchor";
export type { AnswerCounts } from "../bindings/AnswerCounts";
export type { Band } from "../bindings/Band";
export type { Basis } from "../bindings/Basis";
export type { CaseloadEvidence } from "../bindings/CaseloadEvidence";
export type { Component } from "../bindings/Component";
export type { ContactQualityEvidence } from "../bindings/ContactQualityEvidence";
export type { EmployerContactEvidence } from "../bindings/EmployerContactEvidence";
export type { ExportFormat } from "../bindings/ExportFormat";
export type { FidelityEvidence } from "../bindings/FidelityEvidence";
export type { FollowAlongEvidence } from "../bindings/FollowAlongEvidence";
export type { Item } from "../bindings/Item";
export type { ItemScore } from "../bindings/ItemScore";
export type { JobEvidence } from "../bindings/JobEvidence";
export type { NoteInput } from "../bindings/NoteInput";
export type { RapidSearchEvidence } from "../bindings/RapidSearchEvidence";
export type { RateInput } from "../bindings/RateInput";
export type { Rating } from "../bindings/Rating";
export type { Review } from "../bindings/Review";
export type { ReviewAction } from "../bindings/ReviewAction";
export type { ReviewActionId } from "../bindings/ReviewActionId";
export type { ReviewId } from "../bindings/ReviewId";
export type { ReviewInput } from "../bindings/ReviewInput";
export type { ReviewItem } from "../bindings/ReviewItem";
export type { ReviewKind } from "../bindings/ReviewKind";
export type { ReviewSubject } from "../bindings/ReviewSubject";
export type { CoachSuggestion } from "../bindings/CoachSuggestion";
export type { ReviewRow } from "../bindings/ReviewRow";
export type { ScaleError } from "../bindings/ScaleError";
export type { ScaleInfo } from "../bindings/ScaleInfo";
export type { ScaleKind } from "../bindings/ScaleKind";
export type { Scoring } from "../bindings/Scoring";
export type { Section } from "../bindings/Section";
export type { Subtotal } from "../bindings/Subtotal";
export type { Suggestion } from "../bindings/Suggestion";
export type { Summary } from "../bindings/Summary";
export type { Texts } from "../bindings/Texts";
export type { Unverified } from "../bindings/Unverified";
export type { YesPartlyNo } from "../bindings/YesPartlyNo";
export type { Quarter } from "../bindings/Quarter";
export type { QuarterOutcomes } from "../bindings/QuarterOutcomes";
export type { TeamOverview } from "../bindings/TeamOverview";
export type { CoachOverview } from "../bindings/CoachOverview";
export type { Figures } from "../bindings/Figures";
export type { Rates } from "../bindings/Rates";
export type { JsonValue } from "../bindings/serde_json/JsonValue";
export type { ConflictResolution } from "../bindings/ConflictResolution";
export type { ConflictSide } from "../bindings/ConflictSide";
export type { ConflictView } from "../bindings/ConflictView";
export type { EnrolInput } from "../bindings/EnrolInput";
export type { SyncError } from "../bindings/SyncError";
export type { SyncErrorCode } from "../bindings/SyncErrorCode";
export type { Entity } from "../bindings/Entity";
export type { RecordId } from "../bindings/RecordId";
export type { SyncState } from "../bindings/SyncState";
import type { SyncStatus } from "../bindings/SyncStatus";

export type { SyncStatus } from "../bindings/SyncStatus";

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
  /** A supervisor merges a duplicate employer into the one kept. */
  employersMerge: (merge: EmployerMerge) => invoke<Employer>("employers_merge", { merge }),
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

  /** Every scale that loaded, with the values still to check against the official text. */
  scalesList: () => invoke<ScaleInfo[]>("scales_list"),
  /** Scale files that failed to load (shown in Settings). */
  scaleErrors: () => invoke<ScaleError[]>("scale_errors"),
  reviewsList: () => invoke<ReviewRow[]>("reviews_list"),
  reviewStart: (input: ReviewInput) => invoke<Review>("review_start", { input }),
  reviewGet: (id: string) => invoke<Review>("review_get", { id }),
  /** Rates one item (`rating: null` clears it); `suggested` is the suggestion shown, kept beside it. */
  reviewRate: (id: string, input: RateInput) => invoke<Review>("review_rate", { id, input }),
  reviewNote: (id: string, input: NoteInput) => invoke<Review>("review_note", { id, input }),
  reviewActionAdd: (id: string, input: ActionInput) => invoke<Review>("review_action_add", { id, input }),
  reviewActionDone: (actionId: string) => invoke<Review>("review_action_done", { actionId }),
  reviewSuggestions: (id: string) => invoke<Suggestion[]>("review_suggestions", { id }),
  reviewEvidence: (id: string) => invoke<FidelityEvidence>("review_evidence", { id }),
  /** Writes the review as a PDF or CSV file and returns the saved file's path. */
  reviewExport: (id: string, format: ExportFormat) => invoke<string>("review_export", { id, format }),

  /** The coach's outcomes for one calendar quarter (as the records stand today). */
  quarterlyOutcomes: (quarter: Quarter) => invoke<QuarterOutcomes>("quarterly_outcomes", { quarter }),
  /** A supervisor's team: figures per coach and for the team, with each device's last sync. */
  teamOverview: () => invoke<TeamOverview>("team_overview"),
  /** Writes the team's quarterly report for leadership (PDF with its chart, or CSV); returns the path. */
  teamOutcomesExport: (quarter: Quarter, format: ExportFormat) => invoke<string>("team_outcomes_export", { quarter, format }),
  /** The imported team's coaches by name, for the caseload's "whose" picker. */
  teamCoaches: () => invoke<CoachName[]>("team_coaches"),
  /** Moves a coach's client with all their records to another coach (a supervisor's request the server decides; needs the server). */
  clientHandOver: (client: string, to: string) => invoke<HandoverResponse>("client_hand_over", { client, to }),
  /** One coach's week of employer contacts with its reviews, for their supervisor. */
  coachWeek: (coach: string, week: string) => invoke<CoachWeek>("coach_week", { coach, week }),
  /** Marks the coach's week reviewed by this supervisor today (IPS-25 V6); syncs to the coach. */
  logReviewSave: (input: LogReviewInput) => invoke<LogReview>("log_review_save", { input }),
  /** Writes the quarter's outcome report as a PDF or CSV file and returns the saved file's path. */
  outcomesExport: (quarter: Quarter, format: ExportFormat) => invoke<string>("outcomes_export", { quarter, format }),

  demoLoad: () => invoke<DemoSummary>("demo_load"),

  syncStatus: () => invoke<SyncStatus>("sync_status"),
  /** Connects this device to the regional server with a one-time code, then syncs. */
  syncEnrol: (input: EnrolInput) => invoke<SyncStatus>("sync_enrol", { input }),
  syncNow: () => invoke<SyncStatus>("sync_now"),
  /** Ids of the records (clients, employers, contacts…) with changes not yet on the server. */
  syncPendingIds: () => invoke<string[]>("sync_pending_ids"),
  conflictsList: () => invoke<ConflictView[]>("conflicts_list"),
  conflictResolve: (id: string, resolution: ConflictResolution) =>
    invoke<void>("conflict_resolve", { id, resolution }),
};
