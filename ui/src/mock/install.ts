import { mockIPC } from "@tauri-apps/api/mocks";
import { MockBackend } from "./backend";
import type { Draft } from "../lib/api";

// The a11y run picks a situation by URL. `?scenario=`: "error" (the data folder holds a file
// that is not a Polku database), "newer-database" (written by a newer Polku), "empty" (a new installation), "drafts" (the demo with unsaved
// forms from a previous session) or "scale-errors" (a scale file that failed to load); without
// it, the demo with two finished fidelity reviews. `?sync=` is the regional server's side:
// "online", "offline", "stuck", "revoked" or "conflicts"; without it the device is not
// enrolled. `?session=` names any recorded session (ui/src/mock/fixtures) directly, for a flow
// that writes.
const scenarios: Record<string, string> = {
  demo: "demo",
  drafts: "demo",
  empty: "empty",
  error: "startup-foreign",
  "newer-database": "startup-newer",
  "scale-errors": "scale-errors",
};

/** Unsaved forms a previous session left behind: a new client and a quick-add contact. */
const leftoverDrafts: Draft[] = [
  {
    key: "client-new", form: "client", updatedAt: "",
    payload: {
      mode: "new", title: "Eero Salo", context: {},
      values: {
        name: "Eero Salo", responsibleProfessional: "", stage: "engagement", referralDate: "", entryDate: "",
        profileStartedDate: "", benefitsPlanningDate: "", disclosureDiscussedDate: "", employedAtEntry: false,
        preferences: "", notes: "",
      },
    },
  },
  {
    key: "contact-quick", form: "contact", updatedAt: "",
    payload: { mode: "new", title: "Lidl Pirkkala", context: {}, values: { employerQuery: "Lidl Pirkkala", contactPerson: "Liisa Ojala" } },
  },
];

export function installMockBackend(): MockBackend {
  const params = new URLSearchParams(location.search);
  const scenario = params.get("scenario") ?? "demo";
  const sync = params.get("sync");
  const session = params.get("session") ?? (sync ? `sync-${sync}` : (scenarios[scenario] ?? scenario));
  return serveMock(new MockBackend(session, { drafts: scenario === "drafts" ? leftoverDrafts : undefined }));
}

/** Routes the app's IPC calls to `backend` (tests build the backend they need). */
export function serveMock(backend: MockBackend): MockBackend {
  mockIPC((cmd, args) => backend.handle(cmd, args));
  return backend;
}
