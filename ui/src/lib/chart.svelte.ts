// Chart.js for the line charts: its own chunk, loaded on first use and registered once, with
// the options every Polku chart shares. Charts are decoration for sighted users; each sits
// beside a table holding the same figures.
import type { ChartOptions } from "chart.js";
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
