// Records of the recorded sessions by name, for tests: a test names "Aino K." as the coach
// sees her, and finds her id in what Rust answered.
import type { ClientSummary, EmployerSummary, ReviewRow } from "../lib/api";
import { recorded } from "./backend";

const found = <T>(list: T[], what: string, matches: (t: T) => boolean): T =>
  list.find(matches) ?? (() => { throw new Error(`no ${what} in the recording`); })();

/** A client of the session's caseload (closed ones too). */
export function clientNamed(name: string, session = "demo"): ClientSummary {
  const all = recorded<ClientSummary[]>("clients_list", { query: { search: "", stage: null, includeClosed: true } }, session);
  return found(all, `client ${name}`, (c) => c.name === name);
}

export function employerNamed(name: string, session = "demo"): EmployerSummary {
  return found(recorded<EmployerSummary[]>("employers_list", { search: "" }, session), `employer ${name}`, (e) => e.name === name);
}

/** The session's fidelity reviews, newest period first. */
export function reviews(session = "demo"): ReviewRow[] {
  return recorded<ReviewRow[]>("reviews_list", null, session);
}
