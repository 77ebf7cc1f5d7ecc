// Chart.js for the line charts: its own chunk, loaded on first use and registered once, with
// the options every Polku chart shares. Charts are decoration for sighted users; each sits
// beside a table holding the same figures.
import type { ChartConfiguration, ChartOptions } from "chart.js";
import type { Attachment } from "svelte/attachments";
import { i18n } from "../i18n/index.svelte";

type ChartJs = typeof import("chart.js");
let loading: Promise<ChartJs> | null = null;

/** The Chart.js module, or null where nothing can be drawn (jsdom in unit tests). */
export async function loadChart(canvas: HTMLCanvasElement | undefined): Promise<ChartJs | null> {
  if (!canvas || navigator.userAgent.includes("jsdom")) return null;
  loading ??= import("chart.js").then((m) => {
    m.Chart.register(m.LineController, m.LineElement, m.PointElement, m.LinearScale, m.CategoryScale, m.Legend, m.Tooltip);
    return m;
  });
  return loading;
}

/** Options shared by every line chart: no animation, fills its box, locale numbers, legend below. */
export function lineOptions(extra: ChartOptions<"line">): ChartOptions<"line"> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    locale: i18n.locale,
    plugins: { legend: { position: "bottom" } },
    ...extra,
  };
}

/** A line chart's configuration: points may be missing (`null`, a quarter without a rate). */
export type LineChart = ChartConfiguration<"line", (number | null)[], string>;

/**
 * Draws the line chart `config` describes into the canvas it is attached to
 * (`<canvas {@attach lineChart(() => …)}>`), again whenever what `config` reads changes (the
 * figures, the language), and destroys it with the canvas.
 */
export function lineChart(config: () => LineChart): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    // Read now, inside the attachment's effect, so its dependencies are tracked; and as a
    // plain copy: Chart.js redefines its data arrays' properties, which a reactive array
    // refuses (the team's weekly figures were never drawn).
    const settings = $state.snapshot(config()) as LineChart;
    let chart: { destroy(): void } | null = null;
    let gone = false;
    void loadChart(canvas).then((lib) => {
      if (lib && !gone) chart = new lib.Chart(canvas, settings);
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  };
}
