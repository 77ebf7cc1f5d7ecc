import { describe, expect, test } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { formatDate, formatInstant, nowLocal, weekProgress } from "./format";
import WeekProgress from "../components/WeekProgress.svelte";
import { setLanguage } from "../i18n/index.svelte";

describe("week progress", () => {
  test("shows the face-to-face count against the target as plain numbers", () => {
    expect(weekProgress(4, 6, "fi-FI")).toEqual({ count: "4", target: "6", percent: 67, met: false });
  });

  test("writes a part-time target with the locale's decimal separator", () => {
    expect(weekProgress(2, 4.8, "fi-FI").target).toBe("4,8");
    expect(weekProgress(2, 4.8, "en-GB").target).toBe("4.8");
  });

  test("caps the bar at a full week when the coach made more contacts than the target", () => {
    expect(weekProgress(8, 6, "fi-FI")).toMatchObject({ percent: 100, met: true });
  });

  test("renders the count and target in elements holding only the number", () => {
    setLanguage("fi");
    render(WeekProgress, { props: { count: 4, target: 6 } });
    expect(screen.getByTestId("today-week-count").textContent).toBe("4");
    expect(screen.getByTestId("today-week-target").textContent).toBe("6");
    expect(screen.getByRole("progressbar").getAttribute("aria-valuetext")).toBe(
      "4 / 6 kasvokkaista työnantajakontaktia tällä viikolla",
    );
  });
});

describe("dates", () => {
  test("formats a record date as a local calendar date, never shifted by time zone", () => {
    expect(formatDate("2025-03-05", "fi-FI")).toBe("5.3.2025");
  });

  test("shows the time only for values that have one", () => {
    expect(formatDate("2025-03-05T09:30", "en-GB")).toMatch(/5 Mar 2025.*09:30/);
  });

  test("gives now as a datetime-local value in wall-clock time", () => {
    expect(nowLocal(new Date(2025, 0, 2, 3, 4))).toBe("2025-01-02T03:04");
  });

  test("shows a sync time from another zone in the coach's own local time", () => {
    const instant = new Date(2025, 2, 5, 9, 30).toISOString();
    expect(formatInstant(instant, "en-GB")).toBe(formatDate("2025-03-05T09:30", "en-GB"));
    expect(formatInstant(null, "en-GB")).toBe("");
  });
});
