import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import Conflicts from "./Conflicts.svelte";
import { MockBackend } from "../mock/backend";
import { enrolMock, serveMock } from "../mock/install";
import type { Client } from "../lib/api";
import { resetSync } from "../lib/sync.svelte";
import { setLanguage } from "../i18n/index.svelte";

let backend: MockBackend;

beforeEach(() => {
  resetSync();
  setLanguage("en");
  backend = serveMock(new MockBackend({ demo: true }));
  enrolMock(backend);
});

const aino = () => backend.clients.find((c) => c.name === "Aino Virtanen")!;
const cards = () => screen.queryAllByTestId("conflict");

describe("conflicts view", () => {
  test("says there are no conflicts when there are none", async () => {
    render(Conflicts);
    expect((await screen.findByTestId("conflicts-empty")).textContent).toBe("No conflicts.");
  });

  test("groups conflicts by record and shows the field's label, both values, who and when", async () => {
    backend.seedConflicts();
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    const records = screen.getAllByTestId("conflict-record").map((r) => r.querySelector("h2")?.textContent?.trim());
    expect(records).toEqual(["Client: Aino Virtanen", "Employer: Kesko Oy"]);
    const [notes, stage] = cards();
    expect(within(notes).getByRole("heading", { level: 3 }).textContent).toBe("Notes");
    expect(within(notes).getByTestId("conflict-kept").textContent).toMatch(/In the record now\s*Kiinnostunut kaupan alasta\.\s*Another device, \d/);
    expect(within(notes).getByTestId("conflict-lost").textContent).toMatch(/The other value\s*Haluaa aamuvuoroja\.\s*This device, \d/);
    // A stage is shown by its name, and is not offered as free text.
    expect(within(stage).getByTestId("conflict-kept").textContent).toContain("Rapid job search");
    expect(within(stage).queryByTestId("conflict-edit")).toBeNull();
    expect(within(notes).getByRole("button", { name: "Keep the current value: Notes, Client: Aino Virtanen" })).toBeTruthy();
  });

  test("keeping the current value resolves it and moves the focus to the next conflict", async () => {
    backend.seedConflicts();
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[0]).getByTestId("conflict-keep"));
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(aino().notes).toBe("Kiinnostunut kaupan alasta.");
    await waitFor(() => expect(document.activeElement).toBe(within(cards()[0]).getByTestId("conflict-keep")));
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Keep the current value: Stage, Client: Aino Virtanen");
  });

  test("using the other value writes it into the record", async () => {
    backend.seedConflicts();
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[1]).getByTestId("conflict-use-other"));
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect((backend.handle("client_get", { id: aino().id }) as Client).stage).toBe("employer_engagement");
  });

  test("editing starts from the current value and saves what the coach wrote", async () => {
    const [notes] = backend.seedConflicts();
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[0]).getByTestId("conflict-edit"));
    const box = screen.getByLabelText("New value: Notes") as HTMLTextAreaElement;
    expect(box.value).toBe("Kiinnostunut kaupan alasta.");
    await waitFor(() => expect(document.activeElement).toBe(box));
    await fireEvent.input(box, { target: { value: "Kiinnostunut kaupan alasta. Haluaa aamuvuoroja." } });
    await fireEvent.click(screen.getByTestId("conflict-save"));
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect((backend.handle("client_get", { id: notes.recordId }) as Client).notes).toBe("Kiinnostunut kaupan alasta. Haluaa aamuvuoroja.");
  });

  test("a rejected edit keeps the typing and shows the error under the text box", async () => {
    backend.seedConflicts();
    mockIPC((cmd, args) => {
      if (cmd === "conflict_resolve") throw { code: "validation", message: "", fields: [{ field: "notes", code: "too_long" }] };
      return backend.handle(cmd, args as Record<string, unknown>);
    });
    render(Conflicts);
    await waitFor(() => expect(cards()).toHaveLength(3));
    await fireEvent.click(within(cards()[0]).getByTestId("conflict-edit"));
    const box = screen.getByLabelText("New value: Notes") as HTMLTextAreaElement;
    await fireEvent.input(box, { target: { value: "x".repeat(20) } });
    await fireEvent.click(screen.getByTestId("conflict-save"));
    await waitFor(() => expect(box.getAttribute("aria-invalid")).toBe("true"));
    expect(box.value).toBe("x".repeat(20));
    expect(screen.getByRole("alert").textContent).toMatch(/Some fields need checking/);
    expect(cards()).toHaveLength(3);
  });

  test("resolving the last conflict leaves the empty state with the focus on the heading", async () => {
    const [, , location] = backend.seedConflicts();
    backend.sync.conflicts = [location];
    // As in the app: the screen sits in <main id="main">, whose heading takes the focus.
    const main = document.body.appendChild(Object.assign(document.createElement("main"), { id: "main" }));
    render(Conflicts, { target: main });
    await waitFor(() => expect(cards()).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("conflict-keep"));
    await screen.findByTestId("conflicts-empty");
    await waitFor(() => expect(document.activeElement?.tagName).toBe("H1"));
    main.remove();
  });
});
