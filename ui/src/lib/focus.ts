import { tick } from "svelte";

/**
 * Moves focus once the DOM has updated. Used where the focused control disappears (a button
 * replaced by its form, or the other way round), so keyboard users are not dropped to the
 * top of the page.
 */
export async function focusLater(selector: string): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>(selector)?.focus();
}
