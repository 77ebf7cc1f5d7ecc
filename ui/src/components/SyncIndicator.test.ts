import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import SyncIndicator from "./SyncIndicator.svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import { refreshSync, resetSync } from "../lib/sync.svelte";
import { setLanguage } from "../i18n/index.svelte";

let backend: MockBackend;

function use(session: string) {
  backend = serveMock(new MockBackend(session));
}

const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim();

beforeEach(() => {
  resetSync();
  setLanguage("en");
});

describe("sync indicator", () => {
  test("a device that is not enrolled says so and links to the set-up in Settings", async () => {
    use("demo");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Not connected to a regional server"));
    expect(screen.getByTestId("sync-set-up").getAttribute("href")).toBe("#settings");
    expect(screen.queryByTestId("sync-now")).toBeNull();
  });

  test("online shows the records waiting and when the last sync was", async () => {
    use("sync-pending");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Online"));
    expect(text("sync-pending")).toBe("Waiting to be sent: 2");
    expect(text("sync-last")).toBe("Last synced 18 Nov 2026, 10:00");
    expect(screen.queryByTestId("sync-conflicts")).toBeNull();
  });

  test("conflicts waiting are counted in a link to the conflicts view", async () => {
    use("sync-conflicts");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    const link = await screen.findByTestId("sync-conflicts");
    expect(link.textContent?.trim()).toBe("Conflicts to resolve: 3");
    expect(link.getAttribute("href")).toBe("#conflicts");
  });

  test("offline explains the last error in plain language", async () => {
    use("sync-offline");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Offline"));
    expect(text("sync-error")).toMatch(/cannot be reached.*stay on this device/);
  });

  test("a server that no longer knows the device gets it stuck, with the reason", async () => {
    use("sync-stuck");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Sync stuck"));
    expect(text("sync-pending")).toBe("Waiting to be sent: 792");
    expect(text("sync-error")).toBe("The server did not recognise this device. Connect again with a new code.");
  });

  test("an error code this version does not know gets the general message, not the code", async () => {
    // A newer server refused with a code this version has no words for; Rust reads it as unknown.
    use("sync-newer-server");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Sync stuck"));
    expect(text("sync-error")).toBe("The server refused the sync for a reason this version of Polku does not know. Update Polku.");
  });

  test("a revoked device says sync stopped and local data is kept, and offers no sync", async () => {
    use("sync-revoked");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Sync stopped"));
    expect(text("sync-revoked")).toMatch(/sync has stopped\. Everything on this device is kept\./);
    expect(screen.queryByTestId("sync-now")).toBeNull();
    expect(screen.getByTestId("sync-reconnect-link").getAttribute("href")).toBe("#settings");
  });

  test("sync now sends the waiting records and announces the result", async () => {
    use("sync-pending");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-pending")).toBe("Waiting to be sent: 2"));
    await fireEvent.click(screen.getByTestId("sync-now"));
    await waitFor(() => expect(text("sync-announcement")).toBe("Sync finished. Waiting to be sent: 0"));
    expect(text("sync-pending")).toBe("Waiting to be sent: 0");
    expect(backend.sent("sync_now")).toEqual([null]);
  });

  test("a poll announces a change of state, but not one that changes nothing", async () => {
    use("sync-lost");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Online"));
    await refreshSync();
    expect(text("sync-announcement")).toBe("");
    // The engine's own round finds the server gone; the next poll sees it.
    backend.handle("sync_now");
    await refreshSync();
    await waitFor(() => expect(text("sync-announcement")).toBe("Sync status: Offline"));
  });
});
