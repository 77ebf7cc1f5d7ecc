import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import Today from "./Today.svelte";
import { setLanguage } from "../i18n/index.svelte";
import { toast } from "../lib/toast.svelte";

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

describe("supervisor review of the contact log", () => {
  test("marking the log reviewed stamps every unreviewed contact and says how many", async () => {
    const backend = serveMock(new MockBackend("today-log-reviewed"));
    render(Today);
    await fireEvent.click(await screen.findByTestId("log-reviewed"));
    // All 400 demo contacts were unreviewed.
    await waitFor(() => expect(toast.message).toBe("400 kontaktia merkitty tarkistetuksi"));
    expect(backend.sent("contacts_mark_reviewed")).toEqual([null]);
    // The screen reads Today again after the change.
    await waitFor(() => expect(backend.sent("today")).toHaveLength(2));
  });
});
