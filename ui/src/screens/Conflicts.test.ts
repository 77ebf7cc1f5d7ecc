import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Conflicts from "./Conflicts.svelte";
import { MockBackend, sessions } from "../mock/backend";
import { serveMock } from "../mock/install";
import type { ConflictView } from "../lib/api";
import { resetSync } from "../lib/sync.svelte";
import { setLanguage } from "../i18n/index.svelte";

// Session sync-conflicts: the same coach's second device changed Autokorjaamo Virta
// Kangasala's location and Aino K.'s notes and stage, and synced first. Listed in that order.
const [location, notes, stage] = sessions["sync-conflicts"].calls.find((c) => c.cmd === "conflicts_list")!.ok as ConflictView[];
const BOTH_NOTES = "Kiinnostunut kaupan alasta. Haluaa aamuvuoroja.";
let backend: MockBackend;

beforeEach(() => {
  resetSync();
  setLanguage("en");
});
afterEach(() => setLanguage("fi"));

function use(session: string) {
  backend = serveMock(new MockBackend(session));
}

const cards = () => screen.queryAllByTestId("conflict");

describe("conflicts view", () => {
  test("says there are no conflicts when there are none", async () => {
    use("sync-online");
    render(Conflicts);
    expect((await screen.findByTestId("conflicts-empty")).textContent).toBe("No conflicts.");
  });

  test("groups conflicts by record and shows the field's label, both values, who and when", async () => {
    use("sync-conflicts");
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    const records = screen.getAllByTestId("conflict-record").map((r) => r.querySelector("h2")?.textContent?.trim());
    expect(records).toEqual(["Employer: Autokorjaamo Virta Kangasala", "Client: Aino K."]);
    const [, notesCard, stageCard] = cards();
    expect(within(notesCard).getByRole("heading", { level: 3 }).textContent).toBe("Notes");
    const side = (card: HTMLElement, testid: string) => within(card).getByTestId(testid).textContent?.replace(/\s+/g, " ").trim();
    expect(side(notesCard, "conflict-kept")).toBe("In the record now Kiinnostunut kaupan alasta. Another device, 18 Nov 2026, 10:01");
    expect(side(notesCard, "conflict-lost")).toBe("The other value Haluaa aamuvuoroja. This device, 18 Nov 2026, 10:00");
    // A stage is shown by its name, and is not offered as free text.
    expect(within(stageCard).getByTestId("conflict-kept").textContent).toContain("Rapid job search");
    expect(within(stageCard).queryByTestId("conflict-edit")).toBeNull();
    expect(within(notesCard).getByRole("button", { name: "Keep the current value: Notes, Client: Aino K." })).toBeTruthy();
  });

  test("keeping the current value resolves it and moves the focus to the next conflict", async () => {
    use("conflicts-resolved");
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[0]).getByTestId("conflict-keep"));
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(backend.sent("conflict_resolve")).toEqual([{ id: location.id, resolution: { choice: "kept" } }]);
    await waitFor(() => expect(document.activeElement).toBe(within(cards()[0]).getByTestId("conflict-keep")));
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Keep the current value: Notes, Client: Aino K.");
  });

  test("using the other value sends that choice and the conflict goes", async () => {
    use("conflicts-use-other");
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[2]).getByTestId("conflict-use-other"));
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(backend.sent("conflict_resolve")).toEqual([{ id: stage.id, resolution: { choice: "lost" } }]);
    expect(screen.queryByText("Stage")).toBeNull();
  });

  test("editing starts from the current value and saves what the coach wrote", async () => {
    use("conflicts-edit");
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[1]).getByTestId("conflict-edit"));
    const box = screen.getByLabelText("New value: Notes") as HTMLTextAreaElement;
    expect(box.value).toBe("Kiinnostunut kaupan alasta.");
    await waitFor(() => expect(document.activeElement).toBe(box));
    await fireEvent.input(box, { target: { value: BOTH_NOTES } });
    await fireEvent.click(screen.getByTestId("conflict-save"));
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(backend.sent("conflict_resolve")).toEqual([{ id: notes.id, resolution: { choice: "edited", value: BOTH_NOTES } }]);
  });

  test("a rejected edit keeps the typing and shows the error under the text box", async () => {
    use("sync-conflicts");
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[1]).getByTestId("conflict-edit"));
    const box = screen.getByLabelText("New value: Notes") as HTMLTextAreaElement;
    const tooLong = "x".repeat(10_001);
    await fireEvent.input(box, { target: { value: tooLong } });
    await fireEvent.click(screen.getByTestId("conflict-save"));
    await waitFor(() => expect(box.getAttribute("aria-invalid")).toBe("true"));
    expect(box.value).toBe(tooLong);
    expect(screen.getByRole("alert").textContent).toMatch(/Some fields need checking/);
    expect(cards()).toHaveLength(3);
    expect(backend.writes).toBe(0);
  });

  test("resolving the last conflict leaves the empty state with the focus on the heading", async () => {
    use("conflicts-resolved");
    // As in the app: the screen sits in <main id="main">, whose heading takes the focus.
    const main = document.body.appendChild(Object.assign(document.createElement("main"), { id: "main" }));
    render(Conflicts, { target: main });
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[0]).getByTestId("conflict-keep"));
    await waitFor(() => expect(cards()).toHaveLength(2));
    await fireEvent.click(within(cards()[0]).getByTestId("conflict-edit"));
    await fireEvent.input(screen.getByLabelText("New value: Notes"), { target: { value: BOTH_NOTES } });
    await fireEvent.click(screen.getByTestId("conflict-save"));
    await waitFor(() => expect(cards()).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("conflict-use-other"));
    await screen.findByTestId("conflicts-empty");
    await waitFor(() => expect(document.activeElement?.tagName).toBe("H1"));
    expect(backend.sent("conflict_resolve").map((a) => (a as { resolution: { choice: string } }).resolution.choice)).toEqual(["kept", "edited", "lost"]);
    main.remove();
  });
});
