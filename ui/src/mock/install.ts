import { mockIPC } from "@tauri-apps/api/mocks";
import { MockBackend } from "./backend";
import type { Draft } from "../lib/api";

// The a11y run picks a situation with `?scenario=`: "error" (the database cannot be opened),
// "empty" (no records yet), "drafts" (unsaved forms from a previous session) or "scale-errors"
// (a scale file that failed to load). The demo scenarios also hold two finished fidelity reviews.
export function installMockBackend(): MockBackend {
  const scenario = new URLSearchParams(location.search).get("scenario") ?? "demo";
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
  mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>));
  return backend;
}
