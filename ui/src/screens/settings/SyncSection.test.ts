import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import SyncSection from "./SyncSection.svelte";
import { MockBackend } from "../../mock/backend";
import { GOOD_CODE } from "../../mock/sync";
import { enrolMock, serveMock } from "../../mock/install";
import { resetSync, sync } from "../../lib/sync.svelte";
import { setLanguage } from "../../i18n/index.svelte";

let backend: MockBackend;

beforeEach(() => {
  resetSync();
  setLanguage("en");
  backend = serveMock(new MockBackend({ demo: true }));
});

async function fill(server: string, code: string) {
  render(SyncSection);
  const url = await screen.findByLabelText("Server address");
  await fireEvent.input(url, { target: { value: server } });
  await fireEvent.input(screen.getByLabelText("One-time code"), { target: { value: code } });
  await fireEvent.click(screen.getByTestId("sync-connect"));
}

describe("regional server in Settings", () => {
  test("offers a device name a coach can keep as it is", async () => {
    render(SyncSection);
    expect(((await screen.findByLabelText("Name of this device")) as HTMLInputElement).value).toBe("Polku laptop");
  });

  test("a wrong enrolment code shows the code error under the code field", async () => {
    await fill("https://polku.example", "WRONG-1");
    const message = await screen.findByTestId("sync-code-refused");
    expect(message.textContent).toBe("The code is unknown, already used or expired. Ask your administrator for a new code.");
    const code = screen.getByLabelText("One-time code");
    expect(code.getAttribute("aria-invalid")).toBe("true");
    expect(code.getAttribute("aria-describedby")).toContain("sync-code-refused");
    await waitFor(() => expect(document.activeElement).toBe(code));
    expect((code as HTMLInputElement).value).toBe("WRONG-1");
  });

  test("an address that is not http or https shows the error under the address field", async () => {
    await fill("polku.example", GOOD_CODE);
    await waitFor(() => expect(document.getElementById("sync-server-url-error")?.textContent).toBe("Check this value."));
    expect(screen.getByLabelText("Server address").getAttribute("aria-invalid")).toBe("true");
    expect((await screen.findByRole("alert")).textContent).toMatch(/Some fields need checking/);
  });

  test("an unreachable server is explained in an alert", async () => {
    backend.sync.reachable = false;
    await fill("https://polku.example", GOOD_CODE);
    expect((await screen.findByRole("alert")).textContent).toMatch(/regional server cannot be reached/);
  });

  test("a good code connects and shows the server, the user and the state", async () => {
    await fill("https://polku.example/", "good-code-1234");
    expect((await screen.findByTestId("sync-server")).textContent).toBe("https://polku.example");
    expect(screen.getByTestId("sync-user").textContent).toBe("Laura Demo");
    expect(screen.getByTestId("sync-settings-state").textContent).toBe("Online");
    expect(screen.queryByTestId("sync-form")).toBeNull();
    expect(sync.enrolled).toBe(true);
    expect(screen.getByTestId("settings-conflicts").textContent?.trim()).toBe("No conflicts");
  });

  test("connecting again opens the form with the server filled in, and cancelling closes it", async () => {
    enrolMock(backend);
    backend.seedConflicts();
    render(SyncSection);
    expect((await screen.findByTestId("settings-conflicts")).textContent?.trim()).toBe("Resolve conflicts (3)");
    await fireEvent.click(screen.getByTestId("sync-reconnect"));
    expect((screen.getByLabelText("Server address") as HTMLInputElement).value).toBe("https://polku.example");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("One-time code")));
    await fireEvent.click(screen.getByTestId("sync-cancel"));
    expect(screen.queryByTestId("sync-form")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("sync-reconnect")));
  });

  test("changes that could not be applied are reported with their count", async () => {
    enrolMock(backend);
    backend.sync.quarantined = 2;
    render(SyncSection);
    expect((await screen.findByTestId("sync-quarantined")).textContent).toMatch(/^2 changes from the server could not be applied/);
  });
});
