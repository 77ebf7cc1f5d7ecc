import { mockIPC } from "@tauri-apps/api/mocks";
import { MockBackend } from "./backend";
import { GOOD_CODE } from "./sync";
import type { Draft } from "../lib/api";

// The a11y run picks a situation with `?scenario=`: "error" (the database cannot be opened),
// "empty" (no records yet), "drafts" (unsaved forms from a previous session) or "scale-errors"
// (a scale file that failed to load). The demo scenarios also hold two finished fidelity reviews.
// `?sync=` adds the regional server's side: "online" (enrolled, everything sent), "offline",
// "stuck", "revoked", or "conflicts" (online, with conflicts waiting); without it the device
// is not enrolled.
export function installMockBackend(): MockBackend {
  const params = new URLSearchParams(location.search);
  const scenario = params.get("scenario") ?? "demo";
  const drafts: Draft[] =
    scenario === "drafts"
      ? [
          { key: "client-new", form: "client", updatedAt: "", payload: { mode: "new", title: "Eero Salo", context: {}, values: { name: "Eero Salo", responsibleProfessional: "", stage: "engagement", referralDate: "", entryDate: "", profileStartedDate: "", benefitsPlanningDate: "", disclosureDiscussedDate: "", employedAtEntry: false, preferences: "", notes: "" } } },
          { key: "contact-quick", form: "contact", updatedAt: "", payload: { mode: "new", title: "Kesko Oy", context: {}, values: { employerQuery: "Kesko Oy", contactPerson: "Liisa Mäkelä" } } },
        ]
      : [];
  const backend = new MockBackend({
    demo: scenario !== "empty" && scenario !== "error",
    drafts,
    status:
      scenario === "error"
        ? { state: "error", code: "database_newer", path: "/home/coach/.local/share/fi.polku.app/polku.sqlite3", message: "schema 7 > 5" }
        : undefined,
    scaleErrors:
      scenario === "scale-errors"
        ? [{ file: "oma-alue.toml", item: "V4", field: "scoring.cut_offs", message: "day_bands must have 4 ascending cut-offs" }]
        : [],
  });
  if (scenario !== "empty" && scenario !== "error") backend.seedReviews();
  const sync = params.get("sync");
  if (sync) seedSync(backend, sync);
  return serveMock(backend);
}

/** Routes the app's IPC calls to `backend` (tests build the backend they need). */
export function serveMock(backend: MockBackend): MockBackend {
  mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>));
  return backend;
}

/** Connects the mock device to a regional server with the code that works, as Settings does. */
export function enrolMock(backend: MockBackend, deviceName = "Polku laptop", serverUrl = "https://polku.example"): void {
  backend.handle("sync_enrol", { input: { serverUrl, code: GOOD_CODE, deviceName } });
}

function seedSync(backend: MockBackend, scenario: string): void {
  enrolMock(backend, "Polku-kannettava", "https://polku.pirkanmaa.example");
  backend.handle("sync_now");
  if (scenario === "offline") backend.sync.reachable = false;
  if (scenario === "stuck") backend.sync.refusal = { code: "record_forbidden", message: "record client/1 is outside this device's teams" };
  if (scenario === "revoked") backend.sync.revoked = true;
  if (scenario === "conflicts") backend.seedConflicts();
  // The failing round is the one that finds the server gone, the device revoked or refused.
  else if (scenario !== "online") backend.handle("sync_now");
}
