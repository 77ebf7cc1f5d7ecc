import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import Caseload from "./Caseload.svelte";
import { setLanguage, t } from "../i18n/index.svelte";
import { refreshSync, resetSync } from "../lib/sync.svelte";

// Session sync-team: Sari Supervisor's computer with Aino Coach's imported caseload (the demo).
const aino = "01a1ee19-5500-7000-8000-0000000c0001";
// Eeva Coach, Aino's colleague in the team.
const eeva = "01a1ee19-5500-7000-8000-0000000c0003";
const text = (el: Element) => el.textContent?.replace(/\s+/g, " ").trim();

beforeEach(() => {
  setLanguage("fi");
  resetSync();
});

describe("whose caseload", () => {
  test("opened from a coach's figure, it lists that coach's clients and says whose each is", async () => {
    const backend = serveMock(new MockBackend("sync-team"));
    render(Caseload, { whose: aino });
    const rows = await screen.findAllByTestId("client-row");
    expect(rows).toHaveLength(20);
    await waitFor(() => expect(screen.getAllByTestId("client-coach").map(text)).toContain("Aino Coach"));
    expect(new Set(screen.getAllByTestId("client-coach").map(text))).toEqual(new Set(["Aino Coach"]));
    expect((screen.getByTestId("caseload-whose") as HTMLSelectElement).value).toBe(aino);
    expect(backend.sent("clients_list")).toEqual([
      { query: { search: "", stage: null, includeClosed: false, whose: { kind: "coach", id: aino } } },
    ]);
  });

  test("a supervisor switches between their own clients and the team's", async () => {
    serveMock(new MockBackend("sync-team"));
    await refreshSync();
    render(Caseload);
    const picker = (await screen.findByTestId("caseload-whose")) as HTMLSelectElement;
    expect(picker.value).toBe("");
    // Their own caseload is empty, and invented demo clients are not offered beside a team.
    await screen.findByText(t("caseload.empty"));
    expect(screen.queryByTestId("demo-load")).toBeNull();
    expect(screen.queryByTestId("client-coach")).toBeNull();
    await fireEvent.change(picker, { target: { value: "team" } });
    await waitFor(() => expect(screen.getAllByTestId("client-row")).toHaveLength(20));
    expect(screen.getAllByTestId("client-coach").length).toBe(20);
  });

  test("a supervisor hands a coach's client over to a colleague, and the list shows the client as hers", async () => {
    // Session sync-handover: the same computer after the week's review.
    const backend = serveMock(new MockBackend("sync-handover"));
    await refreshSync();
    render(Caseload, { whose: "team" });
    const rows = await screen.findAllByTestId("client-row");
    const first = rows[0];
    const name = text(first.querySelector("th a")!);
    const button = first.querySelector<HTMLButtonElement>('[data-testid="client-hand-over"]')!;
    expect(button.getAttribute("aria-label")).toBe(t("caseload.hand_over_label", { name: name! }));
    await fireEvent.click(button);
    const dialog = await screen.findByTestId("handover-dialog");
    expect(dialog.textContent).toContain(t("handover.title", { name: name! }));
    // Only the other coaches are offered; confirming without one chosen asks for one.
    const to = screen.getByTestId("handover-to") as HTMLSelectElement;
    expect([...to.options].map((o) => o.value)).toEqual(["", eeva]);
    await fireEvent.click(screen.getByTestId("handover-confirm"));
    // A field error on the select, which gets the focus.
    const error = await screen.findByText(t("handover.choose"), { selector: "#handover-to-error" });
    expect(to.getAttribute("aria-describedby")).toBe(error.id);
    expect(to.getAttribute("aria-invalid")).toBe("true");
    await waitFor(() => expect(document.activeElement).toBe(to));
    expect(backend.sent("client_hand_over")).toEqual([]);
    await fireEvent.change(to, { target: { value: eeva } });
    // Chosen: the error goes with it.
    expect(document.getElementById("handover-to-error")).toBeNull();
    expect(to.getAttribute("aria-invalid")).toBeNull();
    await fireEvent.click(screen.getByTestId("handover-confirm"));
    await waitFor(() => expect(screen.queryByTestId("handover-dialog")).toBeNull());
    expect(backend.sent("client_hand_over")).toEqual([{ client: expect.any(String), to: eeva }]);
    await waitFor(() => {
      const row = screen.getAllByTestId("client-row").find((r) => text(r.querySelector("th a")!) === name)!;
      expect(text(row.querySelector('[data-testid="client-coach"]')!)).toBe("Eeva Coach");
    });
  });

  test("a coach sees no picker", async () => {
    serveMock(new MockBackend());
    render(Caseload);
    await screen.findAllByTestId("client-row");
    expect(screen.queryByTestId("caseload-whose")).toBeNull();
    expect(screen.queryByTestId("client-coach")).toBeNull();
  });
});
