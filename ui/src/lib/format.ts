// Dates and numbers in the coach's locale. Record dates are plain wall-clock strings
// ("YYYY-MM-DD", "YYYY-MM-DDTHH:MM"), so they are parsed as local time, never as UTC.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `d|${locale}|${withTime}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" });
    cache.set(key, format);
  }
  return format;
}

function parseLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!m) return null;
  return new Date(+m[1], +m[2] - 1, +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0);
}

/** Formats "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; a time is shown only when the value has one. */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return "";
  const date = parseLocal(value);
  if (!date) return value;
  return dateFormat(locale, value.length > 10).format(date);
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 1): string {
  const key = `n|${locale}|${maximumFractionDigits}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits });
    cache.set(key, format);
  }
  return format.format(value);
}

/** A percentage given as 0–100 in the locale's way ("41,2 %" in fi and sv, "41.2%" in en). */
export function formatPercent(value: number, locale: string, maximumFractionDigits = 1): string {
  const key = `p|${locale}|${maximumFractionDigits}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits });
    cache.set(key, format);
  }
  return format.format(value / 100);
}

export interface WeekProgress {
  count: string;
  target: string;
  /** Share of the target reached, 0–100, capped so the bar never overflows. */
  percent: number;
  met: boolean;
}

export function weekProgress(count: number, target: number, locale: string): WeekProgress {
  const percent = target > 0 ? Math.min(100, Math.round((count / target) * 100)) : 100;
  return {
    count: formatNumber(count, locale),
    target: formatNumber(target, locale),
    percent,
    met: count >= target,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Local wall time as an `<input type=datetime-local>` value. */
export function nowLocal(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/**
 * Formats an RFC 3339 instant (sync times come from clocks, with a zone) in the coach's own
 * time zone, the way record date-times are shown.
 */
export function formatInstant(value: string | null | undefined, locale: string): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatDate(nowLocal(date), locale);
}

export function todayIso(now = new Date()): string {
  return nowLocal(now).slice(0, 10);
}

/** An employer as lists name it: "Kesko Oy, Tampere" (the location tells look-alikes apart). */
export function employerLabel(e: { name: string; location: string }): string {
  return e.location ? `${e.name}, ${e.location}` : e.name;
}
