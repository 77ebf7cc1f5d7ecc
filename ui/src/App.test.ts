import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { MockBackend } from "./mock/backend";
import { serveMock } from "./mock/install";
import { clientNamed } from "./mock/records";
import App from "./App.svelte";
import type { Draft } from "./lib/api";

function start(backend: MockBackend) {
  serveMock(backend);
  return render(App);
}

const draft = (key: string, form: string, title: string, context: Record<string, string>, values: Record<string, string>): Draft => ({
  key, form, updatedAt: "", payload: { mode: key.includes("new") ? "new" : "edit", title, context, values },
});

describe("start-up", () => {
  test("shows only the error screen, naming the file, when the data folder holds another program's file", async () => {
    Object.defineProperty(navigator, "language", { value: "en-GB", configurable: true });
    start(new MockBackend("startup-foreign"));
    const screenEl = await screen.findByTestId("startup-error");
    expect(screenEl.textContent).toContain("The file in Polku's data folder is not a Polku data file.");
    expect(screen.getByTestId("startup-error-path").textContent).toBe("/home/coach/.local/share/polku/polku.db");
    expect(screenEl.textContent).toContain("Polku did not change the file.");
    expect(screen.queryByRole("navigation")).toBeNull();
    expect(document.documentElement.lang).toBe("en");
  });

  test("tells the coach to install a newer Polku when the database is from a newer version", async () => {
    Object.defineProperty(navigator, "language", { value: "en-GB", configurable: true });
    start(new MockBackend("startup-newer"));
    const screenEl = await screen.findByTestId("startup-error");
    expect(screenEl.textContent).toContain("The data file was saved by a newer version of Polku.");
    expect(screenEl.textContent).toContain("Install the newest version of Polku");
    expect(screen.getByTestId("startup-error-path").textContent).toBe("/home/coach/.local/share/polku/polku.db");
  });

  test("lists unsaved drafts and resumes a new client with its typing restored", async () => {
    start(new MockBackend("demo", { drafts: [draft("client-new", "client", "Eero Salo", {}, { name: "Eero Salo" })] }));
    const banner = await screen.findByTestId("draft-banner");
    expect(banner.textContent).toContain("Tallentamaton uusi asiakas: Eero Salo");
    await fireEvent.click(screen.getByTestId("draft-resume"));
    await waitFor(() => expect((screen.getByTestId("client-name") as HTMLInputElement).value).toBe("Eero Salo"));
    expect(screen.queryByTestId("draft-banner")).toBeNull();
  });

  test("opens the quick-add dialog with Ctrl+K from any screen", async () => {
    start(new MockBackend());
    await screen.findByTestId("today-week-count");
    await fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    expect(await screen.findByRole("dialog", { name: "Uusi työnantajakontakti" })).toBeTruthy();
  });

  test("resumes a job draft on the client's Jobs tab with the form open", async () => {
    const anni = clientNamed("Anni R.");
    start(new MockBackend("demo", {
      drafts: [draft(`job-new:${anni.id}`, "job", anni.name, { clientId: anni.id }, { jobType: "kokki" })],
    }));
    expect((await screen.findByTestId("draft-banner")).textContent).toContain("Anni R.");
    await fireEvent.click(screen.getByTestId("draft-resume"));
    await waitFor(() => expect((screen.getByTestId("job-type") as HTMLInputElement).value).toBe("kokki"));
    expect(screen.getByTestId("tab-jobs").getAttribute("aria-selected")).toBe("true");
  });

  test("starts with default settings when they cannot be read, instead of loading forever", async () => {
    const backend = new MockBackend();
    mockIPC((cmd, args) => {
      if (cmd === "settings_get") throw { code: "storage", message: "locked", fields: [] };
      return backend.handle(cmd, args);
    });
    render(App);
    expect(await screen.findByTestId("today-week-count")).toBeTruthy();
    expect(screen.getByTestId("nav-today").getAttribute("aria-current")).toBe("page");
    expect(screen.queryByTestId("nav-team"), "a coach's app has no team overview").toBeNull();
    expect(document.documentElement.lang).toBe("fi");
  });

  test("resumes a closing draft on the client's details with the form open and filled in", async () => {
    const oona = clientNamed("Oona H.");
    start(new MockBackend("demo", {
      drafts: [draft(`client-close:${oona.id}`, "client_close", oona.name, { clientId: oona.id }, { dischargeReason: "Muutti Ouluun" })],
    }));
    expect((await screen.findByTestId("draft-banner")).textContent).toContain("Tallentamaton asiakkuuden päättäminen: Oona H.");
    await fireEvent.click(screen.getByTestId("draft-resume"));
    await waitFor(() => expect((screen.getByTestId("client-discharge-reason") as HTMLInputElement).value).toBe("Muutti Ouluun"));
  });

  test("the header shows the sync state on every screen and leads to the conflicts", async () => {
    start(new MockBackend("sync-conflicts"));
    const link = await screen.findByTestId("sync-conflicts");
    expect(screen.getByTestId("sync-state").textContent).toBe("Yhteys palvelimeen");
    expect(link.textContent?.trim()).toBe("Ratkaistavia ristiriitoja: 3");
    expect(screen.getByRole("banner").contains(link)).toBe(true);
    await fireEvent.click(link);
    expect(await screen.findByRole("heading", { level: 1, name: "Ristiriidat" })).toBeTruthy();
    expect(await screen.findAllByTestId("conflict")).toHaveLength(3);
  });
});
