import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import Settings from "./Settings.svelte";
import { MockBackend } from "../mock/backend";
import { applySettings, defaultSettings } from "../lib/settings.svelte";
import { i18n } from "../i18n/index.svelte";

beforeEach(() => applySettings({ ...defaultSettings }));

function use(backend: MockBackend, override: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  mockIPC((cmd, args) => override(cmd, args as Record<string, unknown>) ?? backend.handle(cmd, args as Record<string, unknown>));
}

describe("settings screen", () => {
  test("offers the demo caseload on an empty database and hides it once records exist", async () => {
    use(new MockBackend());
    render(Settings, { props: { dataDir: "/data" } });
    const button = await screen.findByTestId("demo-load");
    await fireEvent.click(button);
    await waitFor(() => expect(screen.queryByTestId("demo-load")).toBeNull());
  });

  test("does not offer the demo when only closed clients or employers exist", async () => {
    const backend = new MockBackend();
    backend.handle("employer_create", { input: { name: "Kesko Oy", businessId: null, sector: "", location: "" } });
    const lists: string[] = [];
    use(backend, (cmd, args) => {
      if (cmd === "clients_list") lists.push(JSON.stringify(args.query));
      return undefined;
    });
    render(Settings, { props: { dataDir: "/data" } });
    await waitFor(() => expect(lists).toHaveLength(1));
    expect(JSON.parse(lists[0])).toEqual({ search: "", stage: null, includeClosed: true });
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId("demo-load")).toBeNull();
  });

  test("shows the not_empty answer in an alert", async () => {
    use(new MockBackend(), (cmd) => {
      if (cmd === "demo_load") throw { code: "not_empty", message: "not empty", fields: [] };
      return undefined;
    });
    render(Settings, { props: { dataDir: "/data" } });
    await fireEvent.click(await screen.findByTestId("demo-load"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/vain tyhjään tietokantaan/);
  });

  test("puts the language back to the stored one when saving it fails", async () => {
    use(new MockBackend(), (cmd) => {
      if (cmd === "settings_update") throw { code: "storage", message: "disk full", fields: [] };
      return undefined;
    });
    render(Settings, { props: { dataDir: "/data" } });
    const select = screen.getByTestId("settings-language") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "sv" } });
    expect((await screen.findByRole("alert")).textContent).toMatch(/ei voinut kirjoittaa levylle/);
    expect(select.value).toBe("fi");
    expect(i18n.language).toBe("fi");
  });

  test("changes the language when the save succeeds", async () => {
    use(new MockBackend());
    render(Settings, { props: { dataDir: "/data" } });
    const select = screen.getByTestId("settings-language") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "sv" } });
    await waitFor(() => expect(i18n.language).toBe("sv"));
    expect(select.value).toBe("sv");
    applySettings({ ...defaultSettings });
  });

  test("shows an FTE the backend could not read under the FTE field", async () => {
    use(new MockBackend());
    render(Settings, { props: { dataDir: "/data" } });
    const fte = screen.getByTestId("settings-fte");
    await fireEvent.input(fte, { target: { value: "" } });
    await fireEvent.change(fte);
    await waitFor(() => expect(document.getElementById("settings-fte-error")?.textContent).toBe("Pakollinen tieto."));
    expect(fte.getAttribute("aria-invalid")).toBe("true");
  });
});
