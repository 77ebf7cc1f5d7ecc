// People as every screen names them.
import { t } from "../i18n/index.svelte";

/** A coach's name; one no one has named yet (no report name, not on a roster) says so. */
export function coachLabel(name: string): string {
  return name || t("team.unnamed");
}
