import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import Settings from "./Settings.svelte";
import { MockBackend, dataDir } from "../mock/backend";
import { applySettings, defaultSettings } from "../lib/settings.svelte";
import { i18n } from "../i18n/index.svelte";

beforeEach(() => applySettings({ ...defaultSettings }));

/** Serves `session`, letting `fault` answer a call first (a failure Rust cannot be made to give here). */
function use(session: string, fault: (cmd: string) => void = () => {}): MockBackend {
  const backend = new MockBackend(session);
  mockIPC((cmd, args) => {
    fault(cmd);
    return backend.handle(cmd, args);
  });
  return backend;
}

/** Lets every answer already on its way arrive (no time passes). */
const settled = () => new Promise((resolve) => setTimeout(resolve));

describe("settings screen", () => {
  test("offers the demo caseload on an empty database and hides it once records exist", async () => {
    const backend = use("empty");
    render(Settings, { props: { dataDir } });
    const button = await screen.findByTestId("demo-load");
    await fireEvent.click(button);
    await waitFor(() => expect(screen.queryByTestId("demo-load")).toBeNull());
    expect(backend.sent("demo_load")).toEqual([null]);
  });

  test("does not offer the demo when the database holds an employer but no client", async () => {
    const backend = use("only-employer");
    render(Settings, { props: { dataDir } });
    await waitFor(() => expect(backend.sent("employers_list")).toEqual([{ search: "" }]));
    expect(backend.sent("clients_list")).toEqual([{ query: { search: "", stage: null, includeClosed: true } }]);
    await settled();
    expect(screen.queryByTestId("demo-load")).toBeNull();
  });

  test("shows the not_empty answer in an alert", async () => {
    // Records can arrive between the check and the click (a sync pulled them).
    use("empty", (cmd) => {
      if (cmd === "demo_load") throw { code: "not_empty", message: "not empty", fields: [] };
    });
    render(Settings, { props: { dataDir } });
    await fireEvent.click(await screen.findByTestId("demo-load"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/vain tyhjään tietokantaan/);
  });

  test("puts the language back to the stored one when saving it fails", async () => {
    use("demo", (cmd) => {
      if (cmd === "settings_update") throw { code: "storage", message: "disk full", fields: [] };
    });
    render(Settings, { props: { dataDir } });
    const select = screen.getByTestId("settings-language") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "sv" } });
    expect((await screen.findByRole("alert")).textContent).toMatch(/ei voinut kirjoittaa levylle/);
    expect(select.value).toBe("fi");
    expect(i18n.language).toBe("fi");
  });

  test("changes the language when the save succeeds, and stores it", async () => {
    const backend = use("demo");
    render(Settings, { props: { dataDir } });
    const select = screen.getByTestId("settings-language") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "sv" } });
    await waitFor(() => expect(i18n.language).toBe("sv"));
    expect(select.value).toBe("sv");
    expect(backend.sent("settings_update")).toEqual([{ settings: { ...defaultSettings, language: "sv" } }]);
    applySettings({ ...defaultSettings });
  });

  test("shows an FTE the backend could not read under the FTE field", async () => {
    use("demo");
    render(Settings, { props: { dataDir } });
    const fte = screen.getByTestId("settings-fte");
    await fireEvent.input(fte, { target: { value: "" } });
    await fireEvent.change(fte);
    await waitFor(() => expect(document.getElementById("settings-fte-error")?.textContent).toBe("Pakollinen tieto."));
    expect(fte.getAttribute("aria-invalid")).toBe("true");
  });

  test("lists a scale file that failed to load, naming the file, item and field", async () => {
    use("scale-errors");
    render(Settings, { props: { dataDir } });
    const row = await screen.findByTestId("scale-error");
    expect([...row.children].map((c) => c.textContent)).toEqual([
      "oma-alue.toml", "V4", "scoring.cut_offs", "day_bands must have 4 ascending cut-offs (maximum days for 5, 4, 3, 2)",
    ]);
  });
});
