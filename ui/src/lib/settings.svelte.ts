import { api, type Settings } from "./api";
import { setLanguage } from "../i18n/index.svelte";

let current = $state<Settings>({ language: "fi", coachName: "", fte: 1, lastView: "today" });

export const settings = {
  get value(): Settings {
    return current;
  },
};

export function applySettings(next: Settings): void {
  current = next;
  setLanguage(next.language);
}

/** Saves a change and adopts what the backend stored (it may normalise values). */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const saved = await api.settingsUpdate({ ...current, ...patch });
  applySettings(saved);
  return saved;
}

/** Remembers the screen; failure only costs the reopen position, so it stays silent. */
export function rememberView(lastView: string): void {
  if (lastView === current.lastView) return;
  current.lastView = lastView;
  updateSettings({ lastView }).catch(() => {});
}
