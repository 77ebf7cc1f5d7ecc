// Turns whatever a rejected command gave us into the contract's IpcError, and splits it into
// inline field messages and one alert, so forms can keep everything the coach typed.
import type { ErrorCode, FieldError, IpcError, ValidationCode } from "./api";
import { ERROR_CODES, VALIDATION_CODES } from "../bindings/values";
import { t } from "../i18n/index.svelte";

// Rust's own lists of codes (generated into ../bindings/values.ts): a code added on the Rust
// side is known here at once, and the i18n test asks for its message.
const errorCodes: ReadonlySet<string> = new Set<ErrorCode>(ERROR_CODES);
const validationCodes: ReadonlySet<string> = new Set<ValidationCode>(VALIDATION_CODES);
const isErrorCode = (code: unknown): code is ErrorCode => typeof code === "string" && errorCodes.has(code);
const isValidationCode = (code: unknown): code is ValidationCode => typeof code === "string" && validationCodes.has(code);

/** Keeps the well-formed field errors; an unknown code becomes "invalid" so it still shows. */
function fieldErrors(fields: unknown): FieldError[] {
  if (!Array.isArray(fields)) return [];
  return fields
    .filter((f): f is { field: string; code: unknown } => !!f && typeof f === "object" && typeof f.field === "string")
    .map((f) => ({ field: f.field, code: isValidationCode(f.code) ? f.code : "invalid" }));
}

export function toIpcError(error: unknown): IpcError {
  if (error && typeof error === "object" && "code" in error) {
    const e = error as Partial<IpcError>;
    const code = isErrorCode(e.code) ? e.code : "unavailable";
    return { code, message: String(e.message ?? ""), fields: fieldErrors(e.fields) };
  }
  return { code: "unavailable", message: String(error), fields: [] };
}

/** Field name → validation code, the first code winning when a field has several. */
export type FieldErrors = Record<string, ValidationCode>;

/**
 * The form field a rejected path belongs to: an element of a list ("clientIds[0]", as Rust
 * names an unreadable list element) is shown under the list's own field.
 */
export function fieldName(path: string): string {
  return path.replace(/\[\d+\]/g, "");
}

export interface FormFailure {
  fields: FieldErrors;
  /** The alert text, in the current language. */
  alert: string;
}

export function validationMessage(code: ValidationCode): string {
  return t(`validation.${code}`);
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
  for (const f of e.fields) {
    const name = fieldName(f.field);
    if (!(name in fields)) fields[name] = f.code;
  }
  if (e.code !== "validation") return { fields, alert: errorMessage(e.code) };
  const unplaced = Object.entries(fields)
    .filter(([field]) => !known.includes(field))
    .map(([field, code]) => `${field}: ${validationMessage(code)}`);
  return { fields, alert: [errorMessage("validation"), ...unplaced].join(" ") };
}
