import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { render, screen } from "@testing-library/svelte";
import Employers from "./Employers.svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import { setLanguage } from "../i18n/index.svelte";
import { refreshSync, resetSync } from "../lib/sync.svelte";

// A test that switches language leaves Finnish behind, also when it fails.
afterEach(() => setLanguage("fi"));

describe("the team's employers", () => {
  beforeEach(() => resetSync());

  test("a coach sees when a colleague last visited each employer, by name and mode", async () => {
    // Session sync-colleague: Eeva's new computer, after her first round; the employers are
    // the demo coach's, shared with the team.
    serveMock(new MockBackend("sync-colleague"));
    setLanguage("en");
    await refreshSync();
    render(Employers);
    const rows = await screen.findAllByTestId("employer-row");
    expect(rows.length).toBeGreaterThan(0);
    const visits = screen.getAllByTestId("employer-colleague").map((c) => c.textContent);
    expect(visits).toContain("Aino Coach, 30 Oct 2026 (Video)");
    expect(visits.every((v) => v === "None" || v?.startsWith("Aino Coach, "))).toBe(true);
    expect(screen.getByText(/never their clients or notes/)).toBeTruthy();
  });

  test("a computer never enrolled has no colleagues and shows no column for them", async () => {
    serveMock(new MockBackend());
    await refreshSync();
    render(Employers);
    await screen.findAllByTestId("employer-row");
    expect(screen.queryAllByTestId("employer-colleague")).toEqual([]);
  });
});
