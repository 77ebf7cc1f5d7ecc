import { beforeEach, describe, expect, test } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import Caseload from "../screens/Caseload.svelte";
import Employers from "../screens/Employers.svelte";
import { MockBackend } from "../mock/backend";
import { enrolMock, serveMock } from "../mock/install";
import { refreshSync, resetSync } from "../lib/sync.svelte";
import { setLanguage } from "../i18n/index.svelte";

let backend: MockBackend;

beforeEach(() => {
  resetSync();
  setLanguage("en");
  backend = serveMock(new MockBackend({ demo: true }));
});

function enrolAndSync() {
  enrolMock(backend);
  backend.handle("sync_now");
}

const rowOf = (name: string) => screen.getByRole("link", { name }).closest("tr") as HTMLElement;

describe("not yet on the server", () => {
  test("marks the clients written since the last sync, with a text for screen readers", async () => {
    enrolAndSync();
    const aino = backend.clients.find((c) => c.name === "Aino Virtanen")!;
    backend.handle("client_update", { id: aino.id, input: { ...aino, notes: "Uusi muistiinpano" } });
    await refreshSync();
    render(Caseload);
    await screen.findAllByTestId("client-row");
    const marker = within(rowOf("Aino Virtanen")).getByTestId("pending-marker");
    expect(marker.textContent?.trim()).toBe("Not yet on the server");
    expect(marker.getAttribute("title")).toBe("Not yet on the server");
    expect(screen.getAllByTestId("pending-marker")).toHaveLength(1);
  });

  test("marks nothing on a device that is not enrolled, although everything is unsent", async () => {
    await refreshSync();
    render(Caseload);
    await screen.findAllByTestId("client-row");
    expect(screen.queryByTestId("pending-marker")).toBeNull();
  });

  test("marks a new employer in the employer list until a sync sends it", async () => {
    enrolAndSync();
    backend.handle("employer_create", { input: { name: "Lidl", businessId: null, sector: "", location: "Tampere" } });
    await refreshSync();
    render(Employers);
    await waitFor(() => expect(within(rowOf("Lidl")).getByTestId("pending-marker")).toBeTruthy());
    backend.handle("sync_now");
    await refreshSync();
    await waitFor(() => expect(screen.queryByTestId("pending-marker")).toBeNull());
  });
});
