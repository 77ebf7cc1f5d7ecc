// Turns whatever a rejected command gave us into the contract's IpcError, and splits it into
// inline field messages and one alert, so forms can keep everything the coach typed.
import type { ErrorCode, IpcError } from "./api";
import { t, type MessageKey } from "../i18n/index.svelte";

const codes: ErrorCode[] = [
  "validation",
  "not_found",
  "database_newer",
  "not_a_polku_database",
  "database_corrupt",
  "storage",
  "unavailable",
];

export function toIpcError(error: unknown): IpcError {
  if (error && typeof error === "object" && "code" in error) {
    const e = error as Partial<IpcError>;
    const code = codes.includes(e.code as ErrorCode) ? (e.code as ErrorCode) : "unavailable";
    return { code, message: String(e.message ?? ""), fields: Array.isArray(e.fields) ? e.fields : [] };
  }
  return { code: "unavailable", message: String(error), fields: [] };
}

/** Field name → validation code, the first code winning when a field has several. */
export type FieldErrors = Record<string, string>;

export interface FormFailure {
  fields: FieldErrors;
  /** The alert text, in the current language. */
  alert: string;
}

export function validationMessage(code: string): string {
  return t(`validation.${code}` as MessageKey);
}

export function errorMessage(code: ErrorCode): string {
  return t(`errors.${code}`);
}

/**
 * `known` lists the fields the form shows; a rejected field the form cannot point at is
 * named in the alert instead, so no message is silently dropped.
 */
export function formFailure(error: unknown, known: string[]): FormFailure {
  const e = toIpcError(error);
  const fields: FieldErrors = {};
  for (const f of e.fields) if (!(f.field in fields)) fields[f.field] = f.code;
  if (e.code !== "validation") return { fields, alert: errorMessage(e.code) };
  const unplaced = Object.entries(fields)
    .filter(([field]) => !known.includes(field))
    .map(([field, code]) => `${field}: ${validationMessage(code)}`);
  return { fields, alert: [errorMessage("validation"), ...unplaced].join(" ") };
}
