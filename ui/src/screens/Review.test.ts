import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import { reviews } from "../mock/records";
import Review from "./Review.svelte";
import Fidelity from "./Fidelity.svelte";
import ReviewForm from "./ReviewForm.svelte";
import { setLanguage } from "../i18n/index.svelte";
import { refreshSync, resetSync } from "../lib/sync.svelte";
import { api, type RateInput } from "../lib/api";

// Each session below holds a self-review of 18 May – 18 November 2026 started on the demo,
// and the writes of the one test that uses it.
let backend: MockBackend;
const rates = () => backend.sent("review_rate").map((a) => (a as { input: RateInput }).input);

beforeEach(() => setLanguage("fi"));

/** Opens the session's new review (the newest period comes first). */
function start(session: string): { id: string } {
  backend = serveMock(new MockBackend(session));
  return reviews(session)[0];
}

const text = (testid: string) => screen.getByTestId(testid).textContent?.trim();

async function openItem(code: string) {
  await fireEvent.click(await screen.findByTestId(`item-jump-${code}`));
  await waitFor(() => expect(text("item-title")).toMatch(new RegExp(`^${code} `)));
}

describe("rating a review", () => {
  test("the live total and band update when an item is rated", async () => {
    // Every item is rated 4 but S3.
    const review = start("review-nearly-rated");
    render(Review, { props: { id: review.id } });
    // It opens on the first item not yet rated.
    await waitFor(() => expect(text("item-title")).toMatch(/^S3 /));
    expect(text("review-total")).toBe("96 / 125");
    expect(text("review-band")).toBe("Taso näkyy, kun kaikki kohdat on arvioitu");
    await fireEvent.click(screen.getByTestId("rating-5"));
    await waitFor(() => expect(text("review-total")).toBe("101 / 125"));
    expect(text("review-band")).toBe("Hyvä menetelmällinen tarkkuus");
    expect(text("review-rated")).toBe("arvioitu 25/25");
    expect(text("item-jump-S3")).toContain("5");
  });

  test("number keys choose an anchor when focus is not in a text field", async () => {
    const review = start("review-rate-anchor");
    render(Review, { props: { id: review.id } });
    await openItem("S3");
    await fireEvent.keyDown(window, { key: "2" });
    await waitFor(() => expect(text("review-total")).toBe("2 / 125"));
    await fireEvent.keyDown(screen.getByTestId("item-notes"), { key: "4" });
    expect(text("review-total")).toBe("2 / 125");
    expect(rates()).toEqual([{ item: "S3", rating: { kind: "anchored", value: 2 }, suggested: null }]);
  });

  test("accepting a suggestion sends both rating and suggested", async () => {
    const review = start("review-accept-suggestion");
    render(Review, { props: { id: review.id } });
    await waitFor(() => expect(text("item-title")).toMatch(/^S1 /));
    // The demo caseload: 20 active clients; the coach works full time.
    await waitFor(() => expect(text("suggestion-basis")).toBe("20 aktiivista asiakasta, 1,0 htv → 5"));
    await fireEvent.click(screen.getByTestId("suggestion-accept"));
    await waitFor(() => expect(rates()).toHaveLength(1));
    expect(rates()[0]).toEqual({ item: "S1", rating: { kind: "count", value: 20 }, suggested: { kind: "count", value: 20 } });
    await waitFor(() => expect(text("review-total")).toBe("5 / 125"));
    expect((screen.getByTestId("rating-value") as HTMLInputElement).value).toBe("20");
    expect(text("suggestion-status")).toBe("Ehdotus on hyväksytty.");
  });

  test("an override keeps the suggestion beside the rater's choice", async () => {
    const review = start("review-override-suggestion");
    render(Review, { props: { id: review.id } });
    await screen.findByTestId("suggestion-accept");
    const input = screen.getByTestId("rating-value");
    await fireEvent.input(input, { target: { value: "35" } });
    await fireEvent.change(input);
    await waitFor(() => expect(rates()).toHaveLength(1));
    expect(rates()[0]).toEqual({ item: "S1", rating: { kind: "count", value: 35 }, suggested: { kind: "count", value: 20 } });
    await waitFor(() => expect(text("review-total")).toBe("2 / 125"));
    expect(text("suggestion-status")).toBe("Arviosi poikkeaa ehdotuksesta; molemmat tallennetaan.");
  });

  test("component ticks compute the score from the count table", async () => {
    const review = start("review-components");
    render(Review, { props: { id: review.id } });
    await openItem("O2");
    // IPS-25 O2 counts components as [1, 1, 2, 3, 4, 5] for 0–5 ticked.
    for (const id of ["weekly_team_meetings", "shared_decisions", "shared_record"]) {
      await fireEvent.click(screen.getByTestId(`component-${id}`));
    }
    await waitFor(() => expect(text("rating-score")).toBe("3 osatekijää → 3 pistettä"));
    await waitFor(() => expect(text("review-total")).toBe("3 / 125"));
    expect(rates().at(-1)?.rating).toEqual({ kind: "components", value: ["weekly_team_meetings", "shared_decisions", "shared_record"] });
    await fireEvent.click(screen.getByTestId("component-shared_decisions"));
    await fireEvent.click(screen.getByTestId("component-shared_record"));
    await waitFor(() => expect(text("rating-score")).toBe("1 osatekijää → 1 pistettä"));
    await waitFor(() => expect(text("review-total")).toBe("1 / 125"));
    expect(rates()).toHaveLength(5);
  });

  test("a number input on a day_bands item shows the score from the cut-offs as it is typed", async () => {
    const review = start("review-days");
    render(Review, { props: { id: review.id } });
    await openItem("V4");
    const input = screen.getByTestId("rating-value");
    // IPS-25 V4 cut-offs: 30, 60, 150, 270 days.
    for (const [days, score] of [["30", 5], ["31", 4], ["60", 4], ["151", 2], ["271", 1]] as const) {
      await fireEvent.input(input, { target: { value: days } });
      expect(text("rating-score")).toBe(`→ ${score} pistettä`);
    }
    expect(rates()).toHaveLength(0);
    await fireEvent.change(input);
    // The demo's clients waited 24 days on average: the suggestion shown is kept beside the rating.
    await waitFor(() => expect(rates()).toEqual([{ item: "V4", rating: { kind: "days", value: 271 }, suggested: { kind: "days", value: 24 } }]));
    await waitFor(() => expect(text("review-total")).toBe("1 / 125"));
  });

  test("a score below 4 invites an action, which is stored with the review", async () => {
    const review = start("review-action");
    render(Review, { props: { id: review.id } });
    await openItem("V6");
    expect(screen.queryByTestId("action-add")).toBeNull();
    await fireEvent.click(screen.getByTestId("rating-3"));
    await fireEvent.click(await screen.findByTestId("action-add"));
    expect(await screen.findByText("Pakollinen tieto.", { exact: false })).toBeTruthy();
    await fireEvent.input(screen.getByTestId("action-what"), { target: { value: "Viikoittainen lokin läpikäynti" } });
    await fireEvent.input(screen.getByTestId("action-due"), { target: { value: "2026-11-20" } });
    await fireEvent.click(screen.getByTestId("action-add"));
    await waitFor(() => expect(backend.sent("review_action_add")).toHaveLength(2));
    expect(backend.sent("review_action_add")[1]).toEqual({
      id: review.id, input: { item: "V6", what: "Viikoittainen lokin läpikäynti", who: "", due: "2026-11-20" },
    });
  });

  test("evidence notes and the missing flag are stored as they change", async () => {
    const review = start("review-notes");
    render(Review, { props: { id: review.id } });
    await waitFor(() => expect(text("item-title")).toMatch(/^S1 /));
    const notes = screen.getByTestId("item-notes");
    await fireEvent.input(notes, { target: { value: "Asiakaslista 11/2026" } });
    await fireEvent.blur(notes);
    await fireEvent.click(screen.getByTestId("item-evidence-missing"));
    await waitFor(() => expect(backend.sent("review_note")).toHaveLength(2));
    expect(backend.sent("review_note")).toEqual([
      { id: review.id, input: { item: "S1", notes: "Asiakaslista 11/2026", evidenceMissing: false } },
      { id: review.id, input: { item: "S1", notes: "Asiakaslista 11/2026", evidenceMissing: true } },
    ]);
  });
});

describe("review history", () => {
  test("the compare view shows the difference item by item and in total", async () => {
    // The demo's two finished reviews: an external one a year and a half ago, a self-review a year ago.
    backend = serveMock(new MockBackend());
    render(Fidelity);
    const table = await screen.findByTestId("compare-table");
    const rows = [...table.querySelectorAll('[data-testid="compare-row"]')];
    expect(rows).toHaveLength(25);
    // S1 (index 1) went from 4 to 5, S3 (index 3) from 3 to 4, O1 (index 4) from 4 to 4.
    const row = (code: string) => rows.find((r) => r.querySelector("th")?.textContent?.startsWith(`${code} `))!;
    expect([...row("S1").querySelectorAll("td")].map((c) => c.textContent)).toEqual(["4", "5", "+1"]);
    expect(row("O1").querySelector('[data-testid="compare-diff"]')?.textContent).toBe("0");
    expect(text("compare-total-diff")).toBe("+23");
    const totals = screen.getAllByTestId("review-row-total").map((c) => c.textContent);
    expect(totals).toEqual(["107 / 125", "84 / 125"]);
  });

  test("the start form shows the field the backend rejected", async () => {
    backend = serveMock(new MockBackend());
    render(ReviewForm);
    const from = await screen.findByTestId("review-from");
    await fireEvent.input(from, { target: { value: "2026-12-01" } });
    await fireEvent.click(screen.getByTestId("review-start"));
    expect(await screen.findByText("Päivämäärä on liian kaukana tulevaisuudessa.", { exact: false })).toBeTruthy();
  });
});

describe("a supervisor's review of the team", () => {
  test("a supervisor starts a review of the whole team by default", async () => {
    backend = serveMock(new MockBackend("sync-team-review"));
    resetSync();
    await refreshSync();
    render(ReviewForm);
    const subject = (await screen.findByTestId("review-subject")) as HTMLSelectElement;
    expect(subject.value).toBe("team");
    expect([...subject.options].map((o) => o.textContent)).toEqual(["Oma työni", "Koko tiimi"]);
    await fireEvent.input(screen.getByTestId("review-from"), { target: { value: "2026-05-18" } });
    await fireEvent.input(screen.getByTestId("review-to"), { target: { value: "2026-11-18" } });
    await fireEvent.input(screen.getByTestId("review-raters"), { target: { value: "Pirjo Esihenkilö" } });
    await fireEvent.click(screen.getByTestId("review-start"));
    await waitFor(() => expect(backend.sent("review_start")).toHaveLength(1));
    expect((backend.sent("review_start")[0] as { input: { subject: string } }).input.subject).toBe("team");
  });

  test("the team is the default also when the sync status arrives after the form opens", async () => {
    backend = serveMock(new MockBackend("sync-team-review"));
    resetSync();
    render(ReviewForm);
    await screen.findByTestId("review-kind");
    expect(screen.queryByTestId("review-subject")).toBeNull();
    await refreshSync();
    const subject = (await screen.findByTestId("review-subject")) as HTMLSelectElement;
    expect(subject.value).toBe("team");
    // A choice the rater made stays when the status is read again.
    await fireEvent.change(subject, { target: { value: "own" } });
    await refreshSync();
    expect(subject.value).toBe("own");
  });

  test("a coach's start form has no subject to choose", async () => {
    backend = serveMock(new MockBackend());
    resetSync();
    await refreshSync();
    render(ReviewForm);
    await screen.findByTestId("review-kind");
    expect(screen.queryByTestId("review-subject")).toBeNull();
  });

  test("each suggestion shows the team's figures with every coach's beside them", async () => {
    backend = serveMock(new MockBackend("sync-team-review"));
    // Started as the start form does, so the session's state moves on past the write.
    const review = await api.reviewStart({
      scaleId: "ips-25", kind: "self", subject: "team", periodFrom: "2026-05-18", periodTo: "2026-11-18", raters: "Pirjo Esihenkilö",
    });
    render(Review, { props: { id: review.id } });
    await waitFor(() => expect(text("review-subtitle")).toMatch(/^Tiimin arviointi · /));
    await openItem("V7");
    await waitFor(() => expect(screen.getByTestId("suggestion").querySelector("h3")?.textContent).toBe("Ehdotus tiimin kirjauksista"));
    // The team's figure above the coaches': Aino's 55 of 59 and Eeva's none make the team's.
    expect(text("suggestion-basis")).toMatch(/^55\/59 työnantajaa tavattu useammin kuin kerran/);
    await waitFor(() => expect(screen.getByTestId("item-records").querySelector("h3")?.textContent).toBe("Tiimin kirjauksista"));
    const rows = [...screen.getByTestId("suggestion-by-coach").querySelectorAll("tbody tr")].map((r) => [
      r.querySelector("th")?.textContent,
      r.querySelector("td")?.textContent,
    ]);
    expect(rows.map(([name]) => name)).toEqual(["Aino Coach", "Eeva Coach"]);
    expect(rows[0][1]).toMatch(/^55\/59 työnantajaa tavattu useammin kuin kerran \(93 %\) → 5$/);
    expect(rows[1][1]).toBe("Ei laskettavaa");
  });

  test("a review of one's own work shows no coaches beside its suggestions", async () => {
    const review = start("review-accept-suggestion");
    render(Review, { props: { id: review.id } });
    await waitFor(() => expect(text("item-title")).toBeTruthy());
    await screen.findByTestId("suggestion");
    expect(screen.queryByTestId("suggestion-by-coach")).toBeNull();
    expect(text("review-subtitle")).not.toMatch(/Tiimin arviointi/);
  });
});
