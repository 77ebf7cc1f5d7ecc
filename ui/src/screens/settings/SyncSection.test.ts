import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import SyncSection from "./SyncSection.svelte";
import { MockBackend } from "../../mock/backend";
import { serveMock } from "../../mock/install";
import { resetSync, sync } from "../../lib/sync.svelte";
import { setLanguage } from "../../i18n/index.svelte";

// The recordings enrol at https://polku.pirkanmaa.example, where GOOD-CODE-1234 works.
const SERVER = "https://polku.pirkanmaa.example";
let backend: MockBackend;

beforeEach(() => {
  resetSync();
  setLanguage("en");
});

function use(session: string) {
  backend = serveMock(new MockBackend(session));
}

async function fill(server: string, code: string) {
  render(SyncSection);
  const url = await screen.findByLabelText("Server address");
  await fireEvent.input(url, { target: { value: server } });
  await fireEvent.input(screen.getByLabelText("One-time code"), { target: { value: code } });
  await fireEvent.input(screen.getByLabelText("Name of this device"), { target: { value: "Polku-kannettava" } });
  await fireEvent.click(screen.getByTestId("sync-connect"));
}

describe("regional server in Settings", () => {
  test("offers a device name a coach can keep as it is", async () => {
    use("demo");
    render(SyncSection);
    expect(((await screen.findByLabelText("Name of this device")) as HTMLInputElement).value).toBe("Polku laptop");
  });

  test("a wrong enrolment code shows the code error under the code field", async () => {
    use("sync-enrol");
    await fill(SERVER, "WRONG-CODE-0000");
    const message = await screen.findByTestId("sync-code-refused");
    expect(message.textContent).toBe("The code is unknown, already used or expired. Ask your administrator for a new code.");
    const code = screen.getByLabelText("One-time code");
    expect(code.getAttribute("aria-invalid")).toBe("true");
    expect(code.getAttribute("aria-describedby")).toContain("sync-code-refused");
    await waitFor(() => expect(document.activeElement).toBe(code));
    expect((code as HTMLInputElement).value).toBe("WRONG-CODE-0000");
    expect(sync.enrolled).toBe(false);
  });

  test("an address that is not http or https shows the error under the address field", async () => {
    use("demo");
    await fill("polku.example", "ABCD-1234");
    await waitFor(() => expect(document.getElementById("sync-server-url-error")?.textContent).toBe("Check this value."));
    expect(screen.getByLabelText("Server address").getAttribute("aria-invalid")).toBe("true");
    expect((await screen.findByRole("alert")).textContent).toMatch(/Some fields need checking/);
  });

  test("an unreachable server is explained in an alert", async () => {
    use("sync-enrol");
    await fill("http://127.0.0.1:9", "GOOD-CODE-1234");
    expect((await screen.findByRole("alert")).textContent).toMatch(/regional server cannot be reached/);
  });

  test("a good code connects and shows the server, the user and the state", async () => {
    use("sync-enrol");
    await fill(`  ${SERVER} `, " GOOD-CODE-1234 ");
    expect((await screen.findByTestId("sync-server")).textContent).toBe(SERVER);
    expect(backend.sent("sync_enrol")).toEqual([{ input: { serverUrl: SERVER, code: "GOOD-CODE-1234", deviceName: "Polku-kannettava" } }]);
    expect(screen.getByTestId("sync-user").textContent).toBe("Aino Coach");
    expect(screen.getByTestId("sync-settings-state").textContent).toBe("Online");
    expect(screen.queryByTestId("sync-form")).toBeNull();
    expect(sync.enrolled).toBe(true);
    expect(screen.getByTestId("settings-conflicts").textContent?.trim()).toBe("No conflicts");
  });

  test("connecting again opens the form with the server filled in, and cancelling closes it", async () => {
    use("sync-conflicts");
    render(SyncSection);
    expect((await screen.findByTestId("settings-conflicts")).textContent?.trim()).toBe("Resolve conflicts (3)");
    await fireEvent.click(screen.getByTestId("sync-reconnect"));
    expect((screen.getByLabelText("Server address") as HTMLInputElement).value).toBe(SERVER);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("One-time code")));
    await fireEvent.click(screen.getByTestId("sync-cancel"));
    expect(screen.queryByTestId("sync-form")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("sync-reconnect")));
  });

  test("changes that could not be applied are reported with their count", async () => {
    use("sync-quarantined");
    render(SyncSection);
    expect((await screen.findByTestId("sync-quarantined")).textContent).toMatch(/^2 changes from the server could not be applied/);
  });
});
