import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { toast } from "../lib/toast.svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import Team from "./Team.svelte";
import { setLanguage } from "../i18n/index.svelte";

// Session sync-team: a supervisor's computer that imported Aino Coach's caseload (the demo)
// and her team's roster; the recordings' clock reads Wednesday 2026-11-18.
beforeEach(() => setLanguage("fi"));
afterEach(() => setLanguage("fi"));

const text = (el: Element) => el.textContent?.replace(/\s+/g, " ").trim();

describe("team overview", () => {
  test("each coach's figures with how fresh they are, and the team's, in the locale's format", async () => {
    serveMock(new MockBackend("sync-team"));
    render(Team);
    const [aino] = await screen.findAllByTestId("team-coach");
    expect(text(aino)).toContain("Aino Coach");
    expect(screen.getAllByTestId("team-freshness").map(text)).toEqual([
      expect.stringMatching(/^Polku-kannettava: 18\.11\.2026 .* mukaan, 0 odottaa$/),
      // Eeva, her colleague, has not enrolled a computer yet: her figures are no one's data.
      "Ei laitteita jäsenluettelossa",
    ]);
    // 20 active clients on one FTE, 6 of them working; 6 face-to-face visits this week; one
    // job started this month, two this quarter.
    const cells = [...aino.querySelectorAll("td")].map(text);
    expect(cells.slice(0, 4)).toEqual(["20 (20 / htv)", "6 / 6", "1 / 2", "6 (30 %)"]);
    expect(cells[7]).toContain("107 / 125");
    // Her caseload figure opens her clients; the team's, the whole team's.
    expect(screen.getAllByTestId("team-active").map((a) => a.getAttribute("href"))).toEqual([
      `#caseload-of:${encodeURIComponent("01a1ee19-5500-7000-8000-0000000c0001")}`,
      `#caseload-of:${encodeURIComponent("01a1ee19-5500-7000-8000-0000000c0003")}`,
      "#caseload-of:team",
    ]);
    // This week's face-to-face count opens the week's contacts.
    expect(screen.getAllByTestId("team-week-count")[0].getAttribute("href")).toBe(
      `#week:${encodeURIComponent("01a1ee19-5500-7000-8000-0000000c0001/2026-11-16")}`,
    );
    // Her week's contact log, from this Monday, for the weekly review.
    expect(screen.getAllByTestId("team-week")[0].getAttribute("href")).toBe(
      `#week:${encodeURIComponent("01a1ee19-5500-7000-8000-0000000c0001/2026-11-16")}`,
    );
    expect(text(screen.getByTestId("team-total"))).toContain("Tiimi (2 htv)");
    expect(screen.getByTestId("team-as-of").textContent).toContain("Jäsenluettelo ja synkronoinnit");
    const weeks = [...screen.getByTestId("team-trend-total").querySelectorAll("td")].map(text);
    expect(weeks).toEqual(["10", "10", "9", "16", "10", "8", "6", "7", "15", "5", "6", "6"]);
  });

  test("exports the team's quarterly report for leadership as PDF and CSV", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 10, 18, 10));
    try {
      const backend = serveMock(new MockBackend("sync-team"));
      render(Team);
      await screen.findAllByTestId("team-coach");
      expect((screen.getByTestId("team-report-quarter") as HTMLSelectElement).value).toBe("2026-Q4");
      await fireEvent.click(screen.getByTestId("team-export-pdf"));
      await waitFor(() => expect(toast.message).toMatch(/tiimin-tulokset-2026-Q4\.pdf$/));
      await fireEvent.click(screen.getByTestId("team-export-csv"));
      await waitFor(() => expect(toast.message).toMatch(/tiimin-tulokset-2026-Q4\.csv$/));
      expect(backend.sent("team_outcomes_export")).toEqual([
        { quarter: { year: 2026, quarter: 4 }, format: "pdf" },
        { quarter: { year: 2026, quarter: 4 }, format: "csv" },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("speaks Swedish and English too", async () => {
    serveMock(new MockBackend("sync-team"));
    setLanguage("en");
    render(Team);
    const [aino] = await screen.findAllByTestId("team-coach");
    expect(text(aino)).toMatch(/Polku-kannettava: as of .*, 0 waiting/);
    setLanguage("sv");
    await waitFor(() => expect(text(screen.getByTestId("team-total"))).toContain("Teamet (2 årsverken)"));
  });
});
