// The closed lists of the domain in their display order (the labels live in the i18n files).
import type { ContactMode, ContactOutcome, ContactPurpose, Stage } from "./api";

export const stages: Stage[] = ["engagement", "vocational_profiling", "rapid_job_search", "employer_engagement", "support"];
export const modes: ContactMode[] = ["face_to_face", "phone", "email", "video"];
export const purposes: ContactPurpose[] = [
  "learn_needs",
  "present_service",
  "present_job_seeker",
  "ask_for_hire",
  "follow_up_after_hire",
  "accommodation",
];
export const outcomes: ContactOutcome[] = [
  "information_gathered",
  "opening_found",
  "interview_arranged",
  "hired",
  "no_current_need",
  "declined",
];
