// Calendar quarters and the outcome benchmarks (shared/domain/ips-fidelity.md §3 "Outcomes").
import type { Quarter } from "./api";

/** Employment-rate benchmarks of the 13-state learning collaborative, in percent. */
export const benchmarks = [
  { code: "minimal", percent: 31 },
  { code: "average", percent: 41 },
  { code: "excellent", percent: 50 },
] as const;

/** Target share of jobs kept past 13 weeks, in percent. */
export const retentionTarget = 65;

export function quarterOf(date: Date): Quarter {
  return { year: date.getFullYear(), quarter: Math.floor(date.getMonth() / 3) + 1 };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter <= 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: q.quarter - 1 };
}

export function nextQuarter(q: Quarter): Quarter {
  return q.quarter >= 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: q.quarter + 1 };
}

/** The `count` quarters up to and including `last`, oldest first. */
export function quartersUpTo(last: Quarter, count = 8): Quarter[] {
  const out = [last];
  while (out.length < count) out.unshift(previousQuarter(out[0]));
  return out;
}

/** "2026-Q3": a stable key (select values, keyed lists). */
export function quarterKey(q: Quarter): string {
  return `${q.year}-Q${q.quarter}`;
}

export function parseQuarterKey(key: string): Quarter | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  return m ? { year: +m[1], quarter: +m[2] } : null;
}
