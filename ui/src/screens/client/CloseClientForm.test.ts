import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import CloseClientForm from "./CloseClientForm.svelte";
import { MockBackend, recorded } from "../../mock/backend";
import { serveMock } from "../../mock/install";
import { clientNamed } from "../../mock/records";
import { initDrafts, restoreDraft } from "../../lib/drafts.svelte";
import { setLanguage } from "../../i18n/index.svelte";
import type { Client } from "../../lib/api";

let client: Client;

beforeEach(() => {
  setLanguage("fi");
  initDrafts([]);
  client = recorded<Client>("client_get", { id: clientNamed("Lauri S.").id });
});

describe("closing a client", () => {
  test("keeps what was typed as a draft", async () => {
    const backend = serveMock(new MockBackend());
    render(CloseClientForm, { props: { client, onclosed: () => {} } });
    await fireEvent.click(screen.getByTestId("client-close-open"));
    await fireEvent.input(screen.getByTestId("client-discharge-reason"), { target: { value: "Muutti Ouluun" } });
    await waitFor(() => expect(backend.draft(`client-close:${client.id}`)).toBeDefined(), { timeout: 2000 });
    expect(backend.draft(`client-close:${client.id}`)).toMatchObject({
      form: "client_close",
      payload: { mode: "edit", title: "Lauri S.", context: { clientId: client.id }, values: { dischargeReason: "Muutti Ouluun" } },
    });
    expect(restoreDraft(`client-close:${client.id}`, { dischargeReason: "" }).dischargeReason).toBe("Muutti Ouluun");
  });

  test("shows a cleared discharge date as required, and drops the draft after closing", async () => {
    const backend = serveMock(new MockBackend("client-close"));
    const closed: Client[] = [];
    render(CloseClientForm, { props: { client, onclosed: (c: Client) => closed.push(c) } });
    await fireEvent.click(screen.getByTestId("client-close-open"));
    const date = screen.getByTestId("client-discharge-date") as HTMLInputElement;
    expect(date.value).toBe("2026-11-18");
    await fireEvent.input(date, { target: { value: "" } });
    await fireEvent.input(screen.getByTestId("client-discharge-reason"), { target: { value: "Muutti Ouluun" } });
    await fireEvent.click(screen.getByTestId("client-close-save"));
    await waitFor(() => expect(document.getElementById("client-discharge-date-error")?.textContent).toBe("Pakollinen tieto."));
    expect((screen.getByTestId("client-discharge-reason") as HTMLInputElement).value).toBe("Muutti Ouluun");

    await fireEvent.input(date, { target: { value: "2026-11-18" } });
    await fireEvent.click(screen.getByTestId("client-close-save"));
    await waitFor(() => expect(closed).toHaveLength(1));
    expect(closed[0]).toMatchObject({ name: "Lauri S.", dischargeDate: "2026-11-18", dischargeReason: "Muutti Ouluun" });
    await waitFor(() => expect(backend.draft(`client-close:${client.id}`)).toBeUndefined());
  });
});
