// The closed lists of the domain in their display order (the labels live in the i18n files).
// They are Rust's own lists, generated into ../bindings/values.ts: a value added on the Rust
// side appears in every picker, and the i18n test asks for its label.
import type { ContactMode, ContactOutcome, ContactPurpose, ReviewKind, ReviewSubject, Stage } from "./api";
import { CONTACT_MODES, CONTACT_OUTCOMES, CONTACT_PURPOSES, REVIEW_KINDS, REVIEW_SUBJECTS, STAGES } from "../bindings/values";

export const stages: readonly Stage[] = STAGES;
export const modes: readonly ContactMode[] = CONTACT_MODES;
export const purposes: readonly ContactPurpose[] = CONTACT_PURPOSES;
export const outcomes: readonly ContactOutcome[] = CONTACT_OUTCOMES;
export const reviewKinds: readonly ReviewKind[] = REVIEW_KINDS;
export const reviewSubjects: readonly ReviewSubject[] = REVIEW_SUBJECTS;
