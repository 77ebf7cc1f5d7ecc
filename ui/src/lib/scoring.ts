// How a rating becomes an item score, computed on this side so the score shows while the rater
// types (a round trip per keystroke would lag); the Rust side (polku-domain fidelity::score)
// does the same and re-validates every rating. `scoring.test.ts` checks every case Rust scored
// in mock/fixtures/scoring.json. Cut-offs are listed for scores 5, 4, 3, 2: the first one the
// value meets gives the score, anything beyond the last scores 1. No markup and no messages here.
import type { Item, ItemScore, Language, Rating, ScaleInfo, Scoring, Texts } from "./api";

export type RatingKind = Rating["kind"];

/** The rating an item's scoring takes. */
export function ratingKind(scoring: Scoring): RatingKind {
  switch (scoring.kind) {
    case "anchored": return "anchored";
    case "components": return "components";
    case "percentage_bands": return "percentage";
    case "day_bands": return "days";
    case "count_bands": return "count";
    case "yes_partly_no": return "checklist";
  }
}

function fromCutOffs(cutOffs: number[], meets: (cutOff: number) => boolean): number {
  const scores = [5, 4, 3, 2];
  for (let i = 0; i < scores.length && i < cutOffs.length; i++) if (meets(cutOffs[i])) return scores[i];
  return 1;
}

/** The score a rating earns on an item, or null when the rating does not fit it (Rust rejects those). */
export function scoreOf(item: Item, rating: Rating): ItemScore | null {
  const s = item.scoring;
  const points = (p: number): ItemScore => ({ kind: "points", value: p });
  if (s.kind === "anchored" && rating.kind === "anchored") {
    return Number.isInteger(rating.value) && rating.value >= 1 && rating.value <= 5 ? points(rating.value) : null;
  }
  if (s.kind === "components" && rating.kind === "components") {
    if (rating.value.some((id) => !s.components.some((c) => c.id === id))) return null;
    // A component ticked twice still counts once.
    const count = s.components.filter((c) => rating.value.includes(c.id)).length;
    return points(s.scoreForCount[count] ?? 1);
  }
  if (s.kind === "percentage_bands" && rating.kind === "percentage") {
    const p = rating.value;
    if (!Number.isFinite(p) || p < 0 || p > 100) return null;
    return points(fromCutOffs(s.cutOffs, (min) => p >= min));
  }
  if (s.kind === "day_bands" && rating.kind === "days") {
    const d = rating.value;
    if (!Number.isInteger(d) || d < 0) return null;
    return points(fromCutOffs(s.cutOffs, (max) => d <= max));
  }
  if (s.kind === "count_bands" && rating.kind === "count") {
    const c = rating.value;
    if (!Number.isFinite(c) || c < 0) return null;
    return points(fromCutOffs(s.cutOffs, (max) => c <= max));
  }
  if (s.kind === "yes_partly_no" && rating.kind === "checklist") {
    return ["yes", "partly", "no"].includes(rating.value) ? { kind: "answer", value: rating.value } : null;
  }
  return null;
}

/** Points of a score; null for a checklist answer. */
export function pointsOf(score: ItemScore | null | undefined): number | null {
  return score && score.kind === "points" ? score.value : null;
}

export function textIn(texts: Texts, language: Language): string {
  return texts[language] || texts.fi;
}

/** The items whose definition, scoring or an anchor are still to check against the official text. */
export function unverifiedFields(scale: ScaleInfo, item: string | null): string[] {
  return scale.unverified.filter((u) => u.item === item).map((u) => u.field);
}

export function sameRating(a: Rating | null | undefined, b: Rating | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.kind !== b.kind) return false;
  if (a.kind === "components" && b.kind === "components") {
    return a.value.length === b.value.length && a.value.every((v) => b.value.includes(v));
  }
  return a.value === b.value;
}
