import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import JobForm from "./JobForm.svelte";
import { MockBackend, recorded } from "../../mock/backend";
import { serveMock } from "../../mock/install";
import { clientNamed } from "../../mock/records";
import { initDrafts } from "../../lib/drafts.svelte";
import { setLanguage } from "../../i18n/index.svelte";
import type { Client } from "../../lib/api";

let backend: MockBackend;
const aino = () => recorded<Client>("client_get", { id: clientNamed("Aino K.").id });

beforeEach(() => {
  setLanguage("fi");
  initDrafts([]);
  backend = serveMock(new MockBackend());
});

async function pickEmployer(text: string, name: string) {
  const combo = screen.getByTestId("job-employer");
  await fireEvent.input(combo, { target: { value: text } });
  await waitFor(() => expect(screen.getByRole("option", { name: new RegExp(name) })).toBeTruthy());
  await fireEvent.keyDown(combo, { key: "Enter" });
}

async function typeInto(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe("job form", () => {
  test("shows a start date Rust could not read under the start date and keeps everything typed", async () => {
    render(JobForm, { props: { client: aino(), onclose: () => {} } });
    await pickEmployer("Lidl", "Lidl Kangasala");
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
    expect(backend.sent("job_create")).toMatchObject([{ input: { startDate: "", jobType: "Myyjä", hoursPerWeek: 20 } }]);
    expect((screen.getByTestId("job-employer") as HTMLInputElement).value).toBe("Lidl Kangasala");
    expect((screen.getByTestId("job-type") as HTMLInputElement).value).toBe("Myyjä");
    expect((screen.getByTestId("job-hours") as HTMLInputElement).value).toBe("20");
    expect((screen.getByTestId("job-end-reason") as HTMLInputElement).value).toBe("Kesätyö");
  });

  test("an emptied hours field is reported as required under it", async () => {
    render(JobForm, { props: { client: aino(), onclose: () => {} } });
    await pickEmployer("Lidl", "Lidl Kangasala");
    await typeInto("job-type", "Myyjä");
    await typeInto("job-start", "2025-01-02");
    await fireEvent.click(screen.getByTestId("job-save"));
    await waitFor(() => expect(document.getElementById("job-hours-error")?.textContent).toBe("Pakollinen tieto."));
    expect(screen.getByTestId("job-hours").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByTestId("job-type") as HTMLInputElement).value).toBe("Myyjä");
    // An empty number input crosses IPC as null.
    expect(backend.sent("job_create")).toMatchObject([{ input: { hoursPerWeek: null } }]);
  });
});
