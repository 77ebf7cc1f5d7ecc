// Accessibility run: serves the mock build (ui/dist-mock, the mock backend answering from
// Rust's recordings in place of Tauri), opens every screen in headless Chromium and checks it
// with axe-core against WCAG 2.1 A and AA. Also fails on script errors and CSP violations,
// since the app must run under the same CSP as in Tauri, and on a call the mock has no
// recording of (it logs an error naming it). Pages run on the recordings' clock and time zone.
// Usage: `npm run test:a11y` (builds first).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const meta = JSON.parse(await readFile(new URL("../src/mock/fixtures/meta.json", import.meta.url), "utf8"));
// The fixtures' local time is UTC.
const recordedAt = new Date(`${meta.now}Z`);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const root = fileURLToPath(new URL("../dist-mock/", import.meta.url));
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png" };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(root, path === "/" ? "index.html" : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "content-security-policy": CSP });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const tid = (id) => `[data-testid="${id}"]`;
const failures = [];
let checked = 0;

async function axe(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  checked++;
  for (const v of result.violations) {
    failures.push(`${name}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  }
  console.log(`${result.violations.length ? "FAIL" : "ok  "} ${name}`);
}

/** Opens a fresh page (a fresh mock backend) at a screen and runs the steps for it. */
async function visit(name, url, steps) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: "fi-FI", timezoneId: "UTC" });
  // Date stands still at the recording time; timers run as usual.
  await page.clock.setFixedTime(recordedAt);
  const problems = [];
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  try {
    await page.goto(base + url);
    await steps(page, (label) => axe(page, label ? `${name} — ${label}` : name));
  } catch (e) {
    failures.push(`${name}: ${e.message.split("\n")[0]}`);
    console.log(`FAIL ${name}`);
  }
  for (const p of problems) failures.push(`${name}: ${p}`);
  await page.close();
}

await visit("today", "/#today", async (page, check) => {
  await page.waitForSelector(tid("today-week-count"));
  await page.waitForSelector(tid("follow-up"));
  await check();
});

await visit("caseload", "/#caseload", async (page, check) => {
  await page.waitForSelector(tid("client-row"));
  await check();
});

await visit("caseload empty", "/?scenario=empty#caseload", async (page, check) => {
  await page.waitForSelector(tid("demo-load"));
  await check();
});

await visit("client detail", "/#caseload", async (page, check) => {
  await page.getByRole("link", { name: "Anni R." }).click();
  await page.waitForSelector(tid("client-edit"));
  await check("details");
  await page.click(tid("client-close-open"));
  await page.waitForSelector("#client-discharge-reason");
  await check("close form");
  await page.click(tid("tab-timeline"));
  await page.waitForSelector(tid("timeline"));
  await check("timeline");
  await page.click(tid("tab-jobs"));
  await page.waitForSelector(tid("job-row"));
  await check("jobs");
  await page.click(tid("job-new"));
  await page.waitForSelector(tid("job-save"));
  await page.click(tid("job-save"));
  // Rust reports only the first field it cannot read: the empty employer.
  await page.waitForSelector("#job-employer-error");
  await check("job form with errors");
  await page.click(tid("tab-support"));
  await page.waitForSelector(tid("support-row"));
  await page.click(tid("support-new"));
  await page.waitForSelector(tid("support-save"));
  await check("support form");
});

await visit("client form", "/#client-new", async (page, check) => {
  await page.waitForSelector(tid("client-name"));
  await check();
  await page.fill(tid("client-notes"), "Tapaa mieluiten aamupäivisin.");
  await page.click(tid("client-save"));
  await page.waitForSelector("#client-name-error");
  if ((await page.inputValue(tid("client-notes"))) !== "Tapaa mieluiten aamupäivisin.") throw new Error("notes lost on rejected save");
  await check("rejected save");
});

await visit("employers", "/#employers", async (page, check) => {
  await page.waitForSelector(tid("employer-row"));
  await check();
  await page.getByRole("link", { name: "Kahvila Aalto Nokia" }).click();
  await page.waitForSelector(tid("employer-contact"));
  await check("employer detail");
});

await visit("team employers", "/?session=sync-colleague#employers", async (page, check) => {
  await page.waitForSelector(tid("employer-colleague"));
  await check("a colleague's last visits");
});

await visit("employer merge", "/?session=sync-merge#employer:01a1ee19-5500-7000-8000-000000000025", async (page, check) => {
  await page.waitForSelector(tid("employer-duplicate"));
  await check("duplicates offered");
  await page.click(tid("employer-merge-ask"));
  await page.waitForSelector(tid("employer-merge-confirm"));
  await check("asked to confirm");
  await page.click(tid("employer-merge-confirm"));
  await page.waitForSelector(tid("employer-duplicate"), { state: "detached" });
  await check("merged");
});

await visit("employer form", "/#employer-new", async (page, check) => {
  await page.fill(tid("employer-name"), "Lidl");
  await page.waitForSelector(`${tid("duplicate-warning")} li`);
  await check("duplicate warning");
});

await visit("quick-add dialog", "/?session=contact-quick-add#today", async (page, check) => {
  await page.waitForSelector(tid("today-week-count"));
  const before = Number(await page.textContent(tid("today-week-count")));
  // The common case, by keyboard alone: Ctrl+K, a few letters, Enter, Ctrl+Enter.
  await page.keyboard.press("Control+k");
  await page.waitForSelector(`${tid("contact-employer")}:focus`);
  await page.keyboard.type("Kah");
  await page.waitForSelector("#contact-employer-list:not([hidden])");
  await check("employer list open");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="contact-visit"]')?.textContent?.trim());
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => !document.querySelector('[data-testid="contact-dialog"]'));
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="today-week-count"]')?.textContent) === n + 1, before);
  if (!(await page.textContent(tid("toast"))).trim()) throw new Error("no toast after saving");
  await check("after save");
  await page.click(tid("contact-quick-add"));
  await page.keyboard.type("Uusi Yritys");
  await page.keyboard.press("Enter");
  await page.waitForSelector(tid("contact-new-location"));
  await check("create new employer");
});

await visit("settings", "/#settings", async (page, check) => {
  await page.waitForSelector(tid("settings-language"));
  await check();
  await page.selectOption(tid("settings-language"), "sv");
  await page.waitForFunction(() => document.documentElement.lang === "sv");
  await check("in Swedish");
});

await visit("settings regional server", "/?session=sync-enrol#settings", async (page, check) => {
  await page.waitForSelector(tid("sync-code"));
  await check("enrolment form");
  await page.fill(tid("sync-server-url"), "polku.pirkanmaa.example");
  await page.click(tid("sync-connect"));
  await page.waitForSelector("#sync-server-url-error");
  await check("address rejected");
  await page.fill(tid("sync-server-url"), "https://polku.pirkanmaa.example");
  await page.fill(tid("sync-code"), "WRONG-CODE-0000");
  await page.keyboard.press("Enter");
  await page.waitForSelector(tid("sync-code-refused"));
  await check("code refused");
  await page.fill(tid("sync-code"), "GOOD-CODE-1234");
  await page.keyboard.press("Enter");
  await page.waitForSelector(tid("sync-details"));
  await page.waitForSelector(`${tid("sync-status")}[data-state="online"]`);
  await check("enrolled");
  await page.click(tid("sync-reconnect"));
  await page.waitForSelector(`${tid("sync-code")}:focus`);
  await check("connecting again");
});

for (const state of ["online", "offline", "stuck", "revoked"]) {
  await visit(`sync indicator ${state}`, `/?sync=${state}#today`, async (page, check) => {
    await page.waitForSelector(`${tid("sync-status")}[data-state="${state}"]`);
    await page.waitForSelector(tid("today-week-count"));
    await check();
  });
}

await visit("sync now by keyboard", "/?session=sync-new-client#client-new", async (page, check) => {
  await page.fill(tid("client-name"), "Eero Salo");
  await page.click(tid("client-save"));
  await page.waitForSelector(tid("client-edit"));
  await page.click(tid("nav-caseload"));
  await page.waitForSelector(tid("pending-marker"));
  await check("caseload with a record not yet on the server");
  await page.focus(tid("sync-now"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="sync-announcement"]')?.textContent?.trim());
  await page.waitForFunction(() => !document.querySelector('[data-testid="pending-marker"]'));
  await check("after sync now");
});

await visit("conflicts", "/?session=conflicts-resolved#today", async (page, check) => {
  await page.click(tid("sync-conflicts"));
  await page.waitForSelector(tid("conflict"));
  await check("listed");
  const left = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="conflict"]').length === n, n);
  // Resolving by keyboard alone: each resolution puts the focus on the next conflict's first action.
  await page.focus(tid("conflict-keep"));
  await page.keyboard.press("Enter");
  await left(2);
  await page.waitForSelector(`${tid("conflict-keep")}:focus`);
  // Keep, use the other value, edit: the notes are written anew from both devices' values.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector("textarea:focus");
  await check("editing a value");
  await page.keyboard.press("End");
  await page.keyboard.type(" Haluaa aamuvuoroja.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await left(1);
  await page.waitForSelector(`${tid("conflict-keep")}:focus`);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector(tid("conflicts-empty"));
  await check("all resolved");
});

await visit("settings empty", "/?scenario=empty#settings", async (page, check) => {
  await page.waitForSelector(tid("demo-load"));
  await check();
});

await visit("fidelity history", "/#fidelity", async (page, check) => {
  await page.waitForSelector(tid("review-row"));
  await page.waitForSelector(tid("compare-table"));
  // Chart.js draws into the canvas once its chunk has loaded (under the app's CSP).
  await page.waitForFunction(() => {
    const canvas = document.querySelector('[data-testid="fidelity-chart"]');
    return canvas instanceof HTMLCanvasElement && canvas.width > 0 && canvas.toDataURL().length > 5000;
  });
  await check("with chart and comparison");
  await page.click(tid("review-export-pdf"));
  await page.waitForFunction(() => document.querySelector('[data-testid="toast"]')?.textContent?.includes(".pdf"));
});

await visit("outcomes", "/#fidelity", async (page, check) => {
  await page.click(tid("nav-outcomes"));
  await page.waitForSelector(tid("outcome-rate"));
  await page.waitForSelector(tid("outcomes-benchmark"));
  await page.waitForFunction(() => {
    const canvas = document.querySelector('[data-testid="outcomes-chart"]');
    return canvas instanceof HTMLCanvasElement && canvas.width > 0 && canvas.toDataURL().length > 5000;
  });
  await check("current quarter with chart");
  // By keyboard: the previous-quarter button, then the export.
  const before = await page.textContent(tid("outcomes-figures-title"));
  await page.focus(tid("outcomes-previous"));
  await page.keyboard.press("Enter");
  await page.waitForFunction((t) => document.querySelector('[data-testid="outcomes-figures-title"]')?.textContent !== t, before);
  await page.selectOption(tid("outcomes-quarter"), { index: 0 });
  await page.waitForFunction(() => document.querySelector('[data-testid="outcome-served"]')?.textContent?.trim() === "0");
  await check("quarter without clients");
  await page.focus(tid("outcomes-export-csv"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="toast"]')?.textContent?.includes(".csv"));
  await check("after export");
});

await visit("review start form", "/#review-new", async (page, check) => {
  await page.waitForSelector(tid("review-scale"));
  await check();
  await page.fill(tid("review-to"), "2000-01-01");
  await page.click(tid("review-start"));
  await page.waitForSelector("#review-to-error");
  await check("rejected start");
});

await visit("review page", "/?session=review-new#fidelity", async (page, check) => {
  await page.click(tid("review-new"));
  await page.waitForSelector(tid("review-start"));
  await page.click(tid("review-start"));
  // A new review opens on S1, a computed item with a suggestion from the demo caseload.
  await page.waitForSelector(tid("suggestion-accept"));
  await check("computed item with suggestion");
  await page.click(tid("suggestion-accept"));
  await page.waitForFunction(() => document.querySelector('[data-testid="review-total"]')?.textContent?.trim() === "5 / 125");
  // Anchored item, by keyboard: number keys choose the anchor.
  await page.click(tid("item-jump-S3"));
  await page.waitForSelector(tid("rating-1"));
  await page.keyboard.press("2");
  await page.waitForFunction(() => document.querySelector('[data-testid="review-total"]')?.textContent?.trim() === "7 / 125");
  await page.waitForSelector(tid("action-add"));
  await check("anchored item with action form");
  await page.keyboard.press("PageDown");
  await page.waitForSelector(tid("item-jump-O1") + '[aria-current="step"]');
  await page.click(tid("item-jump-O2"));
  await page.click(tid("component-weekly_team_meetings"));
  await page.waitForSelector(tid("rating-score"));
  await check("component item");
  await page.click(tid("item-jump-V6"));
  await page.waitForSelector(tid("item-records"));
  await check("item with figures from the records");
  await page.click(tid("tab-summary"));
  await page.waitForSelector(tid("review-summary"));
  await check("summary");
});

await visit("team review", "/?session=sync-team-review#review-new", async (page, check) => {
  await page.waitForFunction(() => document.querySelector('[data-testid="review-subject"]')?.value === "team");
  await check("start form with subject");
  await page.fill(tid("review-from"), "2026-05-18");
  await page.fill(tid("review-to"), "2026-11-18");
  await page.fill(tid("review-raters"), "Pirjo Esihenkilö");
  await page.click(tid("review-start"));
  // S1 opens first, with the team's caseload and each coach's beside it.
  await page.waitForSelector(tid("suggestion-by-coach"));
  await check("suggestion by coach");
});

await visit("review page finished", "/#fidelity", async (page, check) => {
  await page.waitForSelector(tid("review-open"));
  await page.click(tid("review-open"));
  await page.waitForSelector(tid("review-band"));
  await page.click(tid("tab-summary"));
  await page.waitForSelector(tid("summary-actions"));
  await check("summary with band and action plan");
});

await visit("settings scale errors", "/?scenario=scale-errors#settings", async (page, check) => {
  await page.waitForSelector(tid("scale-error"));
  await check();
});

await visit("draft banner", "/?scenario=drafts#today", async (page, check) => {
  await page.waitForSelector(tid("draft-banner"));
  await check();
});

await visit("startup error", "/?scenario=error", async (page, check) => {
  await page.waitForSelector(tid("startup-error"));
  await check();
});

await visit("startup error, newer database", "/?scenario=newer-database", async (page, check) => {
  await page.waitForSelector(tid("startup-error"));
  await check();
});

await browser.close();
server.close();

if (failures.length) {
  console.error(`\n${failures.length} problem(s):\n${failures.join("\n")}`);
  process.exit(1);
}
console.log(`\n${checked} screen states checked, no WCAG 2.1 A/AA violations.`);
