import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import SyncIndicator from "./SyncIndicator.svelte";
import { MockBackend } from "../mock/backend";
import { enrolMock, serveMock } from "../mock/install";
import { refreshSync, resetSync } from "../lib/sync.svelte";
import { setLanguage } from "../i18n/index.svelte";

let backend: MockBackend;

function use(b: MockBackend) {
  backend = serveMock(b);
}

function enrolled(): MockBackend {
  const b = new MockBackend({ demo: true });
  enrolMock(b);
  b.handle("sync_now");
  return b;
}

const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim();

beforeEach(() => {
  resetSync();
  setLanguage("en");
});

describe("sync indicator", () => {
  test("a device that is not enrolled says so and links to the set-up in Settings", async () => {
    use(new MockBackend());
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Not connected to a regional server"));
    expect(screen.getByTestId("sync-set-up").getAttribute("href")).toBe("#settings");
    expect(screen.queryByTestId("sync-now")).toBeNull();
  });

  test("online shows the records waiting, the last sync and a link to the open conflicts", async () => {
    use(enrolled());
    backend.handle("employer_create", { input: { name: "Lidl", businessId: null, sector: "", location: "" } });
    backend.seedConflicts();
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Online"));
    expect(text("sync-pending")).toBe("Waiting to be sent: 1");
    expect(text("sync-last")).toMatch(/^Last synced \d/);
    const link = screen.getByTestId("sync-conflicts");
    expect(link.textContent?.trim()).toBe("Conflicts to resolve: 3");
    expect(link.getAttribute("href")).toBe("#conflicts");
  });

  test("offline explains the last error in plain language", async () => {
    use(enrolled());
    backend.sync.reachable = false;
    backend.handle("sync_now");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Offline"));
    expect(text("sync-error")).toMatch(/cannot be reached.*stay on this device/);
  });

  test("an error code this UI does not know gets the general message", async () => {
    use(enrolled());
    backend.sync.refusal = { code: "brand_new_code", message: "" };
    backend.handle("sync_now");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Sync stuck"));
    expect(text("sync-error")).toMatch(/^Sync failed/);
  });

  test("a revoked device says sync stopped and local data is kept, and offers no sync", async () => {
    use(enrolled());
    backend.sync.revoked = true;
    backend.handle("sync_now");
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Sync stopped"));
    expect(text("sync-revoked")).toMatch(/sync has stopped\. Everything on this device is kept\./);
    expect(screen.queryByTestId("sync-now")).toBeNull();
    expect(screen.getByTestId("sync-reconnect-link").getAttribute("href")).toBe("#settings");
  });

  test("sync now sends the waiting records and announces the result", async () => {
    use(enrolled());
    backend.handle("employer_create", { input: { name: "Lidl", businessId: null, sector: "", location: "" } });
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-pending")).toBe("Waiting to be sent: 1"));
    await fireEvent.click(screen.getByTestId("sync-now"));
    await waitFor(() => expect(text("sync-announcement")).toBe("Sync finished. Waiting to be sent: 0"));
    expect(text("sync-pending")).toBe("Waiting to be sent: 0");
  });

  test("a poll announces a change of state, but not one that changes nothing", async () => {
    use(enrolled());
    render(SyncIndicator, { props: { pollMs: 60_000 } });
    await waitFor(() => expect(text("sync-state")).toBe("Online"));
    await refreshSync();
    expect(text("sync-announcement")).toBe("");
    backend.sync.reachable = false;
    backend.handle("sync_now");
    await refreshSync();
    await waitFor(() => expect(text("sync-announcement")).toBe("Sync status: Offline"));
  });
});
