// Fidelity texts in the coach's language: scores, suggestion explanations, periods.
import type { Basis, FidelityEvidence, ItemScore, ReviewKind, ReviewSubject, ScaleInfo, Texts } from "./api";
import { i18n, t } from "../i18n/index.svelte";
import { formatDate, formatNumber } from "./format";
import { textIn } from "./scoring";

/** A scale text (item name, anchor, band) in the current language. */
export function tr(texts: Texts): string {
  return textIn(texts, i18n.language);
}

export function num(value: number, digits = 1): string {
  return formatNumber(value, i18n.locale, digits);
}

/** "4" for points, "Partly" for a checklist answer, "—" when not rated. */
export function scoreText(score: ItemScore | null | undefined): string {
  if (!score) return "—";
  return score.kind === "points" ? String(score.value) : t(`fidelity.answer.${score.value}`);
}

export function periodText(from: string, to: string): string {
  return t("fidelity.period_value", { from: formatDate(from, i18n.locale), to: formatDate(to, i18n.locale) });
}

export function kindText(kind: ReviewKind): string {
  return t(`fidelity.kind_value.${kind}`);
}

/** Who scored and, for a review of the team, that it is the team's: "Tiimin arviointi · Itsearviointi". */
export function reviewKindText(review: { kind: ReviewKind; subject: ReviewSubject }): string {
  const kind = kindText(review.kind);
  return review.subject === "team" ? t("fidelity.team_kind", { kind }) : kind;
}

export function scaleName(scales: ScaleInfo[], id: string): string {
  const scale = scales.find((s) => s.id === id);
  return scale ? tr(scale.name) : id;
}

export function bandName(scales: ScaleInfo[], scaleId: string, code: string | null): string {
  if (!code) return "";
  const band = scales.find((s) => s.id === scaleId)?.bands.find((b) => b.code === code);
  return band ? tr(band.name) : code;
}

/** How a suggestion was reached: "14 active clients on 1.0 FTE → 5". */
export function basisText(basis: Basis, score: ItemScore): string {
  const s = scoreText(score);
  switch (basis.kind) {
    case "caseload":
      return t("fidelity.basis.caseload", { clients: num(basis.activeClients), fte: fteText(basis.fte), score: s });
    case "rapid_search":
      return t("fidelity.basis.rapid_search", { clients: num(basis.clientsEntered), days: num(basis.meanDays), waiting: num(basis.stillWaiting), score: s });
    case "job_share":
      return t("fidelity.basis.job_share", { counted: num(basis.counted), jobs: num(basis.jobs), percent: num(basis.percent, 0), score: s });
    case "contacts_per_week":
      return withReviewers(t(basis.cappedForReview ? "fidelity.basis.contacts_per_week_unreviewed" : "fidelity.basis.contacts_per_week", {
        count: num(basis.faceToFace), weeks: num(basis.weeks), perWeek: num(basis.perWeekPerFte), target: num(basis.weeklyTarget), reviewed: num(basis.weeksReviewed), score: s,
      }), basis.reviewers);
    case "repeat_visits":
      return t("fidelity.basis.repeat_visits", { repeated: num(basis.repeated), visited: num(basis.employersVisited), percent: num(basis.percent, 0), score: s });
    case "follow_along":
      return t("fidelity.basis.follow_along", { supported: num(basis.supported), starts: num(basis.jobStarts), percent: num(basis.percent, 0), score: s });
  }
}

/** V6's figures with the supervisors who reviewed the log named (IPS-25 asks who did). */
function withReviewers(text: string, reviewers: string[]): string {
  return reviewers.length ? `${text} ${t("fidelity.reviewers", { names: reviewers.join(", ") })}` : text;
}

/** FTE always with one decimal at least ("1,0 htv"), as coaches write it. */
function fteText(fte: number): string {
  return new Intl.NumberFormat(i18n.locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(fte);
}

/** Figures from the records that have no numeric suggestion (V6, V7, V12), for those items. */
export function recordsText(code: string, ev: FidelityEvidence): string | null {
  switch (code) {
    case "V6": {
      const c = ev.employerContact;
      return withReviewers(t("fidelity.records.v6", {
        count: num(c.faceToFace), weeks: num(c.weeks), perWeek: num(c.perWeekPerFte), target: num(c.weeklyTarget), reviewed: num(c.weeksReviewed),
      }), c.reviewers);
    }
    case "V7": {
      const q = ev.contactQuality;
      return t("fidelity.records.v7", {
        visited: num(q.employersVisited), repeated: num(q.employersVisitedRepeatedly), learning: num(q.visitsLearningNeeds), presenting: num(q.visitsPresentingJobSeeker),
      });
    }
    case "V12": {
      const f = ev.followAlong;
      return t("fidelity.records.v12", {
        starts: num(f.jobStarts), before: num(f.metWeekBefore), after: num(f.metWithinThreeDays), weekly: num(f.weeklyInFirstMonth), full: num(f.startsWithFullFirstMonth),
      });
    }
    default:
      return null;
  }
}
