import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import CoachWeek from "./CoachWeek.svelte";
import { setLanguage } from "../i18n/index.svelte";
import { toast } from "../lib/toast.svelte";
import { dataChanged } from "../lib/refresh.svelte";

// Session sync-team: Sari Supervisor's computer with Aino Coach's imported caseload (the demo);
// the recordings' clock reads Wednesday 2026-11-18.
const aino = "01a1ee19-5500-7000-8000-0000000c0001";
const text = (el: Element) => el.textContent?.replace(/\s+/g, " ").trim();

beforeEach(() => setLanguage("fi"));
afterEach(() => setLanguage("fi"));

describe("a coach's week for their supervisor", () => {
  test("lists each contact with the face-to-face count, and marking it reviewed sends the comment and shows the review", async () => {
    const backend = serveMock(new MockBackend("sync-team"));
    render(CoachWeek, { id: `${aino}/2026-11-16` });
    const contacts = await screen.findAllByTestId("week-contact");
    expect(contacts).toHaveLength(6);
    expect(text(contacts[0])).toContain("Kiinteistöhuolto Lahtinen Ylöjärvi");
    expect(text(screen.getByRole("heading", { level: 1 }))).toBe("Aino Coach: työnantajakontaktit, viikko alkaen 16.11.2026");
    expect(text(screen.getByTestId("week-face-to-face"))).toBe("6 kasvokkaista työnantajakontaktia, viikkotavoite 6.");
    expect(screen.getByTestId("week-unreviewed")).toBeTruthy();
    expect(screen.queryByTestId("week-next")).toBeNull();
    expect(screen.getByTestId("week-previous").getAttribute("href")).toBe(`#week:${encodeURIComponent(`${aino}/2026-11-09`)}`);

    await fireEvent.input(screen.getByLabelText("Kommentti työhönvalmentajalle (vapaaehtoinen)"), {
      target: { value: "Hyvä viikko, kuusi käyntiä." },
    });
    await fireEvent.click(screen.getByTestId("week-mark-reviewed"));
    expect(backend.sent("log_review_save")).toEqual([
      { input: { coachId: aino, week: "2026-11-16", comment: "Hyvä viikko, kuusi käyntiä." } },
    ]);
    await waitFor(() => expect(screen.getAllByTestId("week-review").map(text)).toEqual([
      "Tarkisti Sari Supervisor 18.11.2026: Hyvä viikko, kuusi käyntiä.",
    ]));
    expect(toast.message).toBe("Aino Coach: viikko 16.11.2026 merkitty tarkistetuksi");
    expect(text(screen.getByTestId("week-mark-reviewed"))).toBe("Päivitä tarkistukseni");
  });

  test("a sync round that reloads the week keeps the comment being typed", async () => {
    const backend = serveMock(new MockBackend("sync-team"));
    render(CoachWeek, { id: `${aino}/2026-11-16` });
    await screen.findAllByTestId("week-contact");
    const field = screen.getByLabelText("Kommentti työhönvalmentajalle (vapaaehtoinen)") as HTMLTextAreaElement;
    await fireEvent.input(field, { target: { value: "Kesken" } });
    dataChanged();
    await waitFor(() => expect(backend.sent("coach_week")).toHaveLength(2));
    await screen.findAllByTestId("week-contact");
    expect(field.value).toBe("Kesken");
  });

  test("a week without contacts says so and can still be reviewed", async () => {
    serveMock(new MockBackend("sync-team"));
    render(CoachWeek, { id: `${aino}/2026-04-27` });
    expect(text(await screen.findByTestId("week-empty"))).toContain("Viikon voi silti tarkistaa");
    expect(text(screen.getByTestId("week-mark-reviewed"))).toBe("Merkitse viikko tarkistetuksi");
    expect(screen.getByTestId("week-next")).toBeTruthy();
  });

  test("on a device that may not review it, the reason is given in the user's language", async () => {
    serveMock(new MockBackend("refused"));
    setLanguage("en");
    render(CoachWeek, { id: "01900000-0000-7000-8000-0000000000ff/2026-11-16" });
    expect(await screen.findByText(/Only a supervisor of the coach's team reviews their contact log/)).toBeTruthy();
  });
});
