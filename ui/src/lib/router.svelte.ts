// Screens are addressed by a short string ("client:<id>") kept in the URL hash, so links are
// real links and the browser's back button works; the same string is saved as `lastView`.
export type View =
  | { name: "today" }
  | { name: "caseload" }
  /** The imported caseload of one coach (`id` = their user id) or of the whole team (`team`). */
  | { name: "caseload-of"; id: string }
  | { name: "client"; id: string }
  | { name: "client-new" }
  | { name: "client-edit"; id: string }
  | { name: "employers" }
  | { name: "employer"; id: string }
  | { name: "employer-new" }
  | { name: "employer-edit"; id: string }
  | { name: "settings" }
  | { name: "fidelity" }
  | { name: "review-new" }
  | { name: "review"; id: string }
  | { name: "outcomes" }
  | { name: "team" }
  /** A coach's week of contacts, `id` = `<coach id>/<Monday>`. */
  | { name: "week"; id: string }
  | { name: "conflicts" };

const simple = ["today", "caseload", "client-new", "employers", "employer-new", "settings", "fidelity", "review-new", "outcomes", "team", "conflicts"] as const;
const withId = ["client", "client-edit", "employer", "employer-edit", "review", "week", "caseload-of"] as const;

/** The view of `coach`'s week starting `monday`. */
export function weekView(coach: string, monday: string): View {
  return { name: "week", id: `${coach}/${monday}` };
}

export function parseView(text: string): View {
  const value = text.replace(/^#/, "");
  if ((simple as readonly string[]).includes(value)) return { name: value } as View;
  const colon = value.indexOf(":");
  if (colon > 0) {
    const name = value.slice(0, colon);
    const id = decodeURIComponent(value.slice(colon + 1));
    if (id && (withId as readonly string[]).includes(name)) return { name, id } as View;
  }
  return { name: "today" };
}

export function viewHref(view: View): string {
  return "#" + ("id" in view ? `${view.name}:${encodeURIComponent(view.id)}` : view.name);
}

/**
 * What to reopen next time. A form reopens as the screen it belongs to: its content comes
 * back through the draft banner, not by landing the coach in a half-filled form.
 */
export function lastViewFor(view: View): string {
  switch (view.name) {
    case "client-new":
      return "caseload";
    case "client-edit":
      return `client:${view.id}`;
    case "employer-new":
      return "employers";
    case "employer-edit":
      return `employer:${view.id}`;
    case "review-new":
      return "fidelity";
    default:
      return viewHref(view).slice(1);
  }
}

let current = $state<View>({ name: "today" });
let onChange: (view: View) => void = () => {};

export const router = {
  get view(): View {
    return current;
  },
};

export function navigate(view: View): void {
  const href = viewHref(view);
  if (location.hash === href) return;
  location.hash = href;
}

function sync(): void {
  current = parseView(location.hash);
  onChange(current);
}

/**
 * Opens the screen in the URL if there is one (a reload), otherwise the saved last view.
 * Returns a function that stops listening.
 */
export function startRouter(lastView: string, changed: (view: View) => void): () => void {
  const start = parseView(location.hash || lastView);
  history.replaceState(null, "", viewHref(start));
  current = start;
  onChange = changed;
  window.addEventListener("hashchange", sync);
  return () => {
    window.removeEventListener("hashchange", sync);
    onChange = () => {};
  };
}
