import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { MockBackend } from "./mock/backend";
import App from "./App.svelte";

function start(backend: MockBackend) {
  mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>));
  return render(App);
}

describe("start-up", () => {
  test("shows only the error screen, naming the file, when the database is from a newer Polku", async () => {
    Object.defineProperty(navigator, "language", { value: "en-GB", configurable: true });
    start(new MockBackend({ status: { state: "error", code: "database_newer", path: "/data/polku.sqlite3", message: "" } }));
    const screenEl = await screen.findByTestId("startup-error");
    expect(screenEl.textContent).toContain("saved by a newer version of Polku");
    expect(screenEl.textContent).toContain("/data/polku.sqlite3");
    expect(screenEl.textContent).toContain("Polku did not change the file.");
    expect(screen.queryByRole("navigation")).toBeNull();
    expect(document.documentElement.lang).toBe("en");
  });

  test("lists unsaved drafts and resumes a new client with its typing restored", async () => {
    const backend = new MockBackend({
      demo: true,
      drafts: [{ key: "client-new", form: "client", updatedAt: "", payload: { mode: "new", title: "Eero Salo", context: {}, values: { name: "Eero Salo" } } }],
    });
    start(backend);
    const banner = await screen.findByTestId("draft-banner");
    expect(banner.textContent).toContain("Tallentamaton uusi asiakas: Eero Salo");
    await fireEvent.click(screen.getByTestId("draft-resume"));
    await waitFor(() => expect((screen.getByTestId("client-name") as HTMLInputElement).value).toBe("Eero Salo"));
    expect(screen.queryByTestId("draft-banner")).toBeNull();
  });

  test("opens the quick-add dialog with Ctrl+K from any screen", async () => {
    start(new MockBackend({ demo: true }));
    await screen.findByTestId("today-week-count");
    await fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    expect(await screen.findByRole("dialog", { name: "Uusi työnantajakontakti" })).toBeTruthy();
  });

  test("resumes a job draft on the client's Jobs tab with the form open", async () => {
    const backend = new MockBackend({ demo: true });
    const mikko = backend.clients.find((c) => c.name === "Mikko Korhonen")!;
    const key = `job-new:${mikko.id}`;
    backend.drafts.set(key, {
      key, form: "job", updatedAt: "",
      payload: { mode: "new", title: mikko.name, context: { clientId: mikko.id }, values: { jobType: "kokki" } },
    });
    start(backend);
    expect((await screen.findByTestId("draft-banner")).textContent).toContain("Mikko Korhonen");
    await fireEvent.click(screen.getByTestId("draft-resume"));
    await waitFor(() => expect((screen.getByTestId("job-type") as HTMLInputElement).value).toBe("kokki"));
    expect(screen.getByTestId("tab-jobs").getAttribute("aria-selected")).toBe("true");
  });

  test("starts with default settings when they cannot be read, instead of loading forever", async () => {
    const backend = new MockBackend({ demo: true });
    mockIPC((cmd, args) => {
      if (cmd === "settings_get") throw { code: "storage", message: "locked", fields: [] };
      return backend.handle(cmd, args as Record<string, unknown>);
    });
    render(App);
    expect(await screen.findByTestId("today-week-count")).toBeTruthy();
    expect(screen.getByTestId("nav-today").getAttribute("aria-current")).toBe("page");
    expect(document.documentElement.lang).toBe("fi");
  });

  test("resumes a closing draft on the client's details with the form open and filled in", async () => {
    const backend = new MockBackend({ demo: true });
    const sara = backend.clients.find((c) => c.name === "Sara Lindqvist")!;
    const key = `client-close:${sara.id}`;
    backend.drafts.set(key, {
      key, form: "client_close", updatedAt: "",
      payload: { mode: "edit", title: sara.name, context: { clientId: sara.id }, values: { dischargeReason: "Muutti Ouluun" } },
    });
    start(backend);
    expect((await screen.findByTestId("draft-banner")).textContent).toContain("Tallentamaton asiakkuuden päättäminen: Sara Lindqvist");
    await fireEvent.click(screen.getByTestId("draft-resume"));
    await waitFor(() => expect((screen.getByTestId("client-discharge-reason") as HTMLInputElement).value).toBe("Muutti Ouluun"));
  });

  test("the header shows the sync state on every screen and leads to the conflicts", async () => {
    const backend = new MockBackend({ demo: true });
    backend.handle("sync_enrol", { input: { serverUrl: "https://polku.example", code: "GOOD-CODE-1234", deviceName: "x" } });
    backend.seedConflicts();
    start(backend);
    const link = await screen.findByTestId("sync-conflicts");
    expect(screen.getByTestId("sync-state").textContent).toBe("Yhteys palvelimeen");
    expect(screen.getByRole("banner").contains(link)).toBe(true);
    await fireEvent.click(link);
    expect(await screen.findByRole("heading", { level: 1, name: "Ristiriidat" })).toBeTruthy();
    expect(await screen.findAllByTestId("conflict")).toHaveLength(3);
  });
});

