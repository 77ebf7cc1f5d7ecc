import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import JobForm from "./JobForm.svelte";
import { MockBackend } from "../../mock/backend";
import { initDrafts } from "../../lib/drafts.svelte";
import { setLanguage } from "../../i18n/index.svelte";
import type { Client } from "../../lib/api";

let backend: MockBackend;
let client: Client;
let sent: Record<string, unknown>[];

beforeEach(() => {
  setLanguage("fi");
  initDrafts([]);
  backend = new MockBackend({ demo: true });
  client = backend.clients.find((c) => c.name === "Aino Virtanen")!;
  sent = [];
});

async function pickEmployer(text: string) {
  const combo = screen.getByTestId("job-employer");
  await fireEvent.input(combo, { target: { value: text } });
  await waitFor(() => expect(screen.getByRole("option", { name: /Kesko Oy/ })).toBeTruthy());
  await fireEvent.keyDown(combo, { key: "Enter" });
}

async function typeInto(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe("job form", () => {
  test("shows a start date Rust could not read under the start date and keeps everything typed", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "job_create") {
        sent.push((args as { input: Record<string, unknown> }).input);
        throw { code: "validation", message: "startDate: premature end of input", fields: [{ field: "startDate", code: "required" }] };
      }
      return backend.handle(cmd, args as Record<string, unknown>);
    });
    render(JobForm, { props: { client, onclose: () => {} } });
    await pickEmployer("Kes");
    await typeInto("job-type", "Myyjä");
    await typeInto("job-hours", "20");
    await typeInto("job-end-reason", "Kesätyö");
    await fireEvent.click(screen.getByTestId("job-save"));

    const start = screen.getByTestId("job-start");
    await waitFor(() => expect(start.getAttribute("aria-invalid")).toBe("true"));
    expect(start.getAttribute("aria-describedby")).toBe("job-start-error");
    expect(document.getElementById("job-start-error")?.textContent).toBe("Pakollinen tieto.");
    expect(screen.getByRole("alert").textContent).toMatch(/Tarkista merkityt kentät/);
    // Only the start date is marked; nothing the coach typed is lost.
    expect(document.querySelectorAll(".field-error")).toHaveLength(1);
    expect(sent[0]).toMatchObject({ startDate: "", jobType: "Myyjä", hoursPerWeek: 20 });
    expect((screen.getByTestId("job-employer") as HTMLInputElement).value).toBe("Kesko Oy");
    expect((screen.getByTestId("job-type") as HTMLInputElement).value).toBe("Myyjä");
    expect((screen.getByTestId("job-hours") as HTMLInputElement).value).toBe("20");
    expect((screen.getByTestId("job-end-reason") as HTMLInputElement).value).toBe("Kesätyö");
  });

  test("against the mock backend, an emptied hours field is reported as required under it", async () => {
    mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>));
    render(JobForm, { props: { client, onclose: () => {} } });
    await pickEmployer("Kes");
    await typeInto("job-type", "Myyjä");
    await typeInto("job-start", "2025-01-02");
    await fireEvent.click(screen.getByTestId("job-save"));
    await waitFor(() => expect(document.getElementById("job-hours-error")?.textContent).toBe("Pakollinen tieto."));
    expect(screen.getByTestId("job-hours").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByTestId("job-type") as HTMLInputElement).value).toBe("Myyjä");
  });
});
