import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import Outcomes from "./Outcomes.svelte";
import Fidelity from "./Fidelity.svelte";
import { setLanguage } from "../i18n/index.svelte";
import { toast } from "../lib/toast.svelte";

// The recordings' clock reads Wednesday 2026-11-18: the current quarter is Q4 2026.
let backend: MockBackend;
const asked = () => backend.sent("quarterly_outcomes").map((a) => (a as { quarter: unknown }).quarter);

beforeEach(() => {
  setLanguage("fi");
  backend = serveMock(new MockBackend());
});
afterEach(() => setLanguage("fi"));

// Intl puts a no-break space before "%"; compare with plain spaces.
const text = (testid: string) => screen.getByTestId(testid).textContent?.replace(/\s+/g, " ").trim();

describe("quarterly outcomes", () => {
  test("the Fidelity page links to the outcomes", async () => {
    render(Fidelity);
    expect((await screen.findByTestId("nav-outcomes")).getAttribute("href")).toBe("#outcomes");
  });

  test("the current quarter's figures are shown in the locale's format", async () => {
    // Demo, Q4 2026: 20 clients served, 17 of them out of work when they came; 5 worked.
    render(Outcomes);
    await waitFor(() => expect(text("outcome-rate")).toBe("25 %"));
    expect(asked()).toContainEqual({ year: 2026, quarter: 4 });
    expect((screen.getByTestId("outcomes-quarter") as HTMLSelectElement).value).toBe("2026-Q4");
    expect(screen.getByLabelText("Vuosineljännes")).toBe(screen.getByTestId("outcomes-quarter"));
    expect(text("outcome-served")).toBe("20");
    expect(text("outcome-worked")).toBe("5");
    expect(text("outcome-rate-oow")).toBe("23,5 %");
    expect(text("outcome-starts")).toBe("2");
    expect(text("outcome-first-job")).toBe("2");
    expect(text("outcome-kept")).toBe("1 / 1 (100 %)");
    expect(text("outcome-kept-target")).toBe("Tavoite ≥ 65 % saavutettu");
    expect(text("outcome-active")).toBe("0");
    expect((screen.getByTestId("outcomes-next") as HTMLButtonElement).disabled).toBe(true);
  });

  test("in English the percentages use the English format", async () => {
    setLanguage("en");
    render(Outcomes);
    await waitFor(() => expect(text("outcome-rate-oow")).toBe("23.5%"));
    expect(screen.getByRole("heading", { level: 2, name: "Figures: Q4 2026" })).toBeTruthy();
  });

  test("switching quarter reloads the figures, by the select or the previous-quarter button", async () => {
    render(Outcomes);
    await waitFor(() => expect(text("outcome-served")).toBe("20"));
    await fireEvent.click(screen.getByTestId("outcomes-previous"));
    // Q3 2026: 19 served, 4 of them worked; 3 of the 4 jobs 13 weeks old were kept.
    await waitFor(() => expect(text("outcome-rate")).toBe("21,1 %"));
    expect(asked().at(-1)).toEqual({ year: 2026, quarter: 3 });
    expect(text("outcome-served")).toBe("19");
    expect(text("outcome-starts")).toBe("1");
    expect(text("outcome-first-job")).toBe("1");
    expect(text("outcome-kept")).toBe("3 / 4 (75 %)");
    expect(text("outcome-active")).toBe("19");
    expect((screen.getByTestId("outcomes-quarter") as HTMLSelectElement).value).toBe("2026-Q3");
    // Q2 2026: the one job old enough was not kept.
    await fireEvent.click(screen.getByTestId("outcomes-previous"));
    await waitFor(() => expect(text("outcome-kept")).toBe("0 / 1 (0 %)"));
    expect(text("outcome-kept-target")).toBe("Alle tavoitteen ≥ 65 %");

    const select = screen.getByTestId("outcomes-quarter") as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual([
      "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4",
    ]);
    await fireEvent.change(select, { target: { value: "2025-Q1" } });
    await waitFor(() => expect(text("outcome-served")).toBe("0"));
    expect(asked().at(-1)).toEqual({ year: 2025, quarter: 1 });
    expect(text("outcome-kept")).toBe("Ei vielä 13 viikkoa vanhoja työsuhteita");
    expect(text("outcome-rate")).toBe("ei laskettavissa");
    expect((screen.getByTestId("outcomes-previous") as HTMLButtonElement).disabled).toBe(true);
  });

  test("the chart's data table lists the last 8 quarters and the benchmarks", async () => {
    render(Outcomes);
    await waitFor(() => expect(screen.getAllByTestId("outcomes-benchmark")).toHaveLength(3));
    const rows = screen.getAllByTestId("outcomes-benchmark").map((r) =>
      [...r.children].map((cell) => cell.textContent?.replace(/\s+/g, " ").trim()).join(" | "),
    );
    expect(rows).toEqual([
      "Vertailutaso: Vähimmäistaso | 31 %", "Vertailutaso: Keskitaso | 41 %", "Vertailutaso: Erinomainen taso | 50 %",
    ]);
    const table = screen.getByTestId("outcomes-chart-table");
    const quarters = [...table.querySelectorAll("tbody th")].map((th) => th.textContent);
    expect(quarters).toEqual(["1/2025", "2/2025", "3/2025", "4/2025", "1/2026", "2/2026", "3/2026", "4/2026"]);
    const last = [...table.querySelectorAll("tbody tr:last-child > *")].map((cell) => cell.textContent?.replace(/\s+/g, " "));
    expect(last).toEqual(["4/2026", "20", "5", "25 %", "23,5 %"]);
    // The canvas sits in a labelled image; the table carries the figures.
    expect(screen.getByRole("img").getAttribute("aria-label")).toContain("31 %, 41 % ja 50 %");
  });

  test("export saves the chosen quarter's report and shows where it went", async () => {
    setLanguage("en");
    render(Outcomes);
    await fireEvent.click(await screen.findByTestId("outcomes-export-pdf"));
    await waitFor(() => expect(toast.message).toBe("Saved to /home/coach/.local/share/polku/exports/tulokset-2026-Q4.pdf"));
    await fireEvent.click(screen.getByTestId("outcomes-previous"));
    await waitFor(() => expect(text("outcomes-figures-title")).toBe("Figures: Q3 2026"));
    await fireEvent.click(screen.getByTestId("outcomes-export-csv"));
    await waitFor(() => expect(toast.message).toBe("Saved to /home/coach/.local/share/polku/exports/tulokset-2026-Q3.csv"));
    expect(backend.sent("outcomes_export")).toEqual([
      { quarter: { year: 2026, quarter: 4 }, format: "pdf" },
      { quarter: { year: 2026, quarter: 3 }, format: "csv" },
    ]);
  });
});
