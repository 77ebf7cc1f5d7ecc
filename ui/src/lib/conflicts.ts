// What the conflicts view needs to show a conflict in the coach's words: the record kind,
// the field's label as its own form calls it, and the values as the screens show them.
import type { ConflictView } from "./api";
import { t, type MessageKey } from "../i18n/index.svelte";
import { formatDate, formatNumber } from "./format";
import { modes, outcomes, purposes, stages } from "./vocab";

// Keyed by the synced entity, then by the camelCase field name on the wire.
const fieldLabels: Record<string, Record<string, MessageKey>> = {
  client: {
    name: "client.name", responsibleProfessional: "client.responsible", stage: "client.stage",
    referralDate: "client.referral", entryDate: "client.entry", profileStartedDate: "client.profile_started",
    benefitsPlanningDate: "client.benefits_planning", disclosureDiscussedDate: "client.disclosure",
    employedAtEntry: "client.employed_at_entry", preferences: "client.preferences", notes: "client.notes",
    dischargeDate: "client.discharge_date", dischargeReason: "client.discharge_reason",
  },
  employer: { name: "employer.name", location: "employer.location", sector: "employer.sector", businessId: "employer.business_id" },
  employer_contact: {
    employerId: "contact.employer", occurredAt: "contact.when", contactPerson: "contact.person", contactRole: "contact.role",
    mode: "contact.mode", clientIds: "contact.clients", clientPresent: "contact.client_present", purposes: "contact.purposes",
    outcome: "contact.outcome", nextStep: "contact.next_step", nextStepDue: "contact.next_due", notes: "contact.notes",
  },
  job: {
    employerId: "job.employer", jobType: "job.type", startDate: "job.start", endDate: "job.end", hoursPerWeek: "job.hours",
    hourlyWage: "job.wage", permanent: "job.permanent", competitive: "job.competitive", wageSubsidy: "job.wage_subsidy",
    started: "job.started", endReason: "job.end_reason",
  },
  support_contact: {
    occurredAt: "support.when", jobId: "support.job", mode: "contact.mode", withEmployer: "support.with_employer", notes: "support.notes",
  },
  fidelity_review: { kind: "fidelity.kind", periodFrom: "fidelity.period_from", periodTo: "fidelity.period_to", raters: "fidelity.raters" },
  fidelity_item_score: { notes: "fidelity.notes", evidenceMissing: "fidelity.evidence_missing" },
  fidelity_action: { what: "fidelity.action_what", who: "fidelity.action_who", due: "fidelity.action_due" },
  profile: { reportName: "settings.coach_name", fte: "settings.fte" },
};

const entities = ["client", "employer", "employer_contact", "job", "support_contact", "fidelity_review", "fidelity_item_score", "fidelity_action", "profile"] as const;

// Fields holding a code from a fixed list, shown by its label and never edited as free text.
const vocabularies: Record<string, { prefix: "stage" | "mode" | "outcome" | "purpose"; values: readonly string[] }> = {
  stage: { prefix: "stage", values: stages },
  mode: { prefix: "mode", values: modes },
  outcome: { prefix: "outcome", values: outcomes },
  purposes: { prefix: "purpose", values: purposes },
};

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;

/** The field's label from its own form, or the raw name when no form shows it. */
export function fieldLabel(entity: string, field: string): string {
  const key = fieldLabels[entity]?.[field];
  return key ? t(key) : field;
}

export function entityLabel(entity: string): string {
  return (entities as readonly string[]).includes(entity)
    ? t(`conflicts.entity.${entity as (typeof entities)[number]}`)
    : t("conflicts.entity.other");
}

export function conflictValue(field: string, value: unknown, locale: string): string {
  if (value === null || value === undefined || value === "") return t("conflicts.empty_value");
  if (typeof value === "boolean") return t(value ? "common.yes" : "common.no");
  if (typeof value === "number") return formatNumber(value, locale, 2);
  const vocabulary = vocabularies[field];
  const one = (v: unknown): string => {
    if (typeof v !== "string") return JSON.stringify(v);
    if (vocabulary?.values.includes(v)) return t(`${vocabulary.prefix}.${v}` as MessageKey);
    return DATE.test(v) ? formatDate(v, locale) : v;
  };
  return Array.isArray(value) ? value.map(one).join(", ") : one(value);
}

/** Free text only: a date, a code from a list or a number typed as text would not save. */
export function editable(c: ConflictView): boolean {
  const text = (v: unknown) => v === null || (typeof v === "string" && !DATE.test(v));
  const values = [c.kept.value, c.lost.value];
  return !vocabularies[c.field] && values.every(text) && values.some((v) => typeof v === "string");
}

export interface RecordConflicts {
  key: string;
  entity: string;
  recordId: string;
  recordLabel: string;
  conflicts: ConflictView[];
}

/** Groups the conflicts by record, in the order the records first appear. */
export function byRecord(list: ConflictView[]): RecordConflicts[] {
  const groups = new Map<string, RecordConflicts>();
  for (const c of list) {
    const key = `${c.entity}/${c.recordId}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, entity: c.entity, recordId: c.recordId, recordLabel: c.recordLabel, conflicts: [] };
      groups.set(key, group);
    }
    group.conflicts.push(c);
  }
  return [...groups.values()];
}
