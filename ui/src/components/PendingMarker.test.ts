import { beforeEach, describe, expect, test } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import Caseload from "../screens/Caseload.svelte";
import Employers from "../screens/Employers.svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import { refreshSync, resetSync } from "../lib/sync.svelte";
import { setLanguage } from "../i18n/index.svelte";

// Session sync-pending: since the last round the coach edited Aino K.'s notes and added the
// employer Lidl Hervanta; both wait to be sent.
let backend: MockBackend;

beforeEach(() => {
  resetSync();
  setLanguage("en");
});

const rowOf = (name: string) => screen.getByRole("link", { name }).closest("tr") as HTMLElement;

describe("not yet on the server", () => {
  test("marks the clients written since the last sync, with a text for screen readers", async () => {
    backend = serveMock(new MockBackend("sync-pending"));
    await refreshSync();
    render(Caseload);
    await screen.findAllByTestId("client-row");
    const marker = within(rowOf("Aino K.")).getByTestId("pending-marker");
    expect(marker.textContent?.trim()).toBe("Not yet on the server");
    expect(marker.getAttribute("title")).toBe("Not yet on the server");
    expect(screen.getAllByTestId("pending-marker")).toHaveLength(1);
  });

  test("marks nothing on a device that is not enrolled, although everything is unsent", async () => {
    backend = serveMock(new MockBackend("demo"));
    await refreshSync();
    render(Caseload);
    await screen.findAllByTestId("client-row");
    expect(screen.queryByTestId("pending-marker")).toBeNull();
    expect(backend.sent("sync_pending_ids")).toEqual([]);
  });

  test("marks a new employer in the employer list until a sync sends it", async () => {
    backend = serveMock(new MockBackend("sync-pending"));
    await refreshSync();
    render(Employers);
    await waitFor(() => expect(within(rowOf("Lidl Hervanta")).getByTestId("pending-marker")).toBeTruthy());
    expect(screen.getAllByTestId("pending-marker")).toHaveLength(1);
    backend.handle("sync_now");
    await refreshSync();
    await waitFor(() => expect(screen.queryByTestId("pending-marker")).toBeNull());
  });
});
