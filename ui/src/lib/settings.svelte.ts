import { api, type Settings } from "./api";
import { setLanguage } from "../i18n/index.svelte";

/** What a new installation starts with, and what the UI runs on when settings cannot be read. */
export const defaultSettings: Readonly<Settings> = { language: "fi", coachName: "", fte: 1, lastView: "today" };

let current = $state<Settings>({ ...defaultSettings });

export const settings = {
  get value(): Settings {
    return current;
  },
};

export function applySettings(next: Partial<Settings>): void {
  // Rust fills in missing fields too (`#[serde(default)]`); this keeps the UI whole either way.
  current = { ...defaultSettings, ...next };
  setLanguage(current.language);
}

// Settings writes go out one at a time, each built on what the one before stored, so a slow
// write can neither land after a newer one nor undo a change made while it was on its way.
let queue: Promise<unknown> = Promise.resolve();

/** Saves a change and adopts what the backend stored (it may normalise values). */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const write = queue.then(async () => {
    const saved = await api.settingsUpdate({ ...current, ...patch });
    applySettings(saved);
    return saved;
  });
  queue = write.catch(() => {});
  return write;
}

/** Remembers the screen; failure only costs the reopen position, so it stays silent. */
export function rememberView(lastView: string): void {
  if (lastView === current.lastView) return;
  current.lastView = lastView;
  updateSettings({ lastView }).catch(() => {});
}
