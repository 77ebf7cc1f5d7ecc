import { beforeEach, describe, expect, test } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import Today from "./Today.svelte";
import { setLanguage } from "../i18n/index.svelte";

beforeEach(() => setLanguage("fi"));

describe("today", () => {
  test("shows the week's face-to-face contacts, the follow-ups due and the review actions", async () => {
    serveMock(new MockBackend());
    render(Today);
    const followUps = await screen.findAllByTestId("follow-up");
    // Monday 16 to Wednesday 18 November: 6 face-to-face contacts of the target 6.
    expect(screen.getByTestId("today-week-count").textContent).toBe("6");
    expect(screen.getByTestId("today-week-target").textContent).toBe("6");
    expect(followUps).toHaveLength(209);
    expect(followUps.at(-1)?.textContent?.replace(/\s+/g, " ")).toContain("Sovi työhaastattelu Varastopalvelu Nurmi Kangasala");
    expect(screen.getByTestId("action-due").textContent).toContain("Sovi viikoittainen lokin läpikäynti esihenkilön kanssa");
  });
});

describe("supervisor's review of the contact log", () => {
  // Session sync-coach-reviewed: the coach's computer after a sync brought Sari Supervisor's
  // review of the week of 16 November.
  test("shows who reviewed which week, when, and their comment", async () => {
    serveMock(new MockBackend("sync-coach-reviewed"));
    render(Today);
    const [review] = await screen.findAllByTestId("log-review");
    expect(review.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Viikon 16.11.2026 tarkisti Sari Supervisor 18.11.2026: Hyvä viikko, kuusi käyntiä.",
    );
  });

  test("a coach cannot mark their own log reviewed: the button is gone", async () => {
    serveMock(new MockBackend());
    render(Today);
    await screen.findAllByTestId("follow-up");
    expect(screen.queryByTestId("log-reviewed")).toBeNull();
    expect(screen.queryByTestId("log-review")).toBeNull();
  });
});
