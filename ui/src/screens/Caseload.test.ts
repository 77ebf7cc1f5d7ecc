import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import Caseload from "./Caseload.svelte";
import { setLanguage, t } from "../i18n/index.svelte";
import { refreshSync, resetSync } from "../lib/sync.svelte";

// Session sync-team: Sari Supervisor's computer with Aino Coach's imported caseload (the demo).
const aino = "01a1ee19-5500-7000-8000-0000000c0001";
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

  test("a coach sees no picker", async () => {
    serveMock(new MockBackend());
    render(Caseload);
    await screen.findAllByTestId("client-row");
    expect(screen.queryByTestId("caseload-whose")).toBeNull();
    expect(screen.queryByTestId("client-coach")).toBeNull();
  });
});
