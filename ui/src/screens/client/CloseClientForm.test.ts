import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import CloseClientForm from "./CloseClientForm.svelte";
import { MockBackend } from "../../mock/backend";
import { initDrafts, restoreDraft } from "../../lib/drafts.svelte";
import { setLanguage } from "../../i18n/index.svelte";
import type { Client } from "../../lib/api";

let backend: MockBackend;
let client: Client;

beforeEach(() => {
  setLanguage("fi");
  initDrafts([]);
  backend = new MockBackend({ demo: true });
  client = backend.clients[0];
  mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>));
});

describe("closing a client", () => {
  test("keeps what was typed as a draft", async () => {
    render(CloseClientForm, { props: { client, onclosed: () => {} } });
    await fireEvent.click(screen.getByTestId("client-close-open"));
    await fireEvent.input(screen.getByTestId("client-discharge-reason"), { target: { value: "Muutti Ouluun" } });
    await waitFor(() => expect(backend.drafts.get(`client-close:${client.id}`)).toBeDefined(), { timeout: 2000 });
    expect(backend.drafts.get(`client-close:${client.id}`)).toMatchObject({
      form: "client_close",
      payload: { mode: "edit", title: client.name, context: { clientId: client.id }, values: { dischargeReason: "Muutti Ouluun" } },
    });
    expect(restoreDraft(`client-close:${client.id}`, { dischargeReason: "" }).dischargeReason).toBe("Muutti Ouluun");
  });

  test("shows a cleared discharge date as required, and drops the draft after closing", async () => {
    const closed: Client[] = [];
    render(CloseClientForm, { props: { client, onclosed: (c: Client) => closed.push(c) } });
    await fireEvent.click(screen.getByTestId("client-close-open"));
    const date = screen.getByTestId("client-discharge-date") as HTMLInputElement;
    const today = date.value;
    await fireEvent.input(date, { target: { value: "" } });
    await fireEvent.input(screen.getByTestId("client-discharge-reason"), { target: { value: "Muutti Ouluun" } });
    await fireEvent.click(screen.getByTestId("client-close-save"));
    await waitFor(() => expect(document.getElementById("client-discharge-date-error")?.textContent).toBe("Pakollinen tieto."));
    expect((screen.getByTestId("client-discharge-reason") as HTMLInputElement).value).toBe("Muutti Ouluun");

    await fireEvent.input(date, { target: { value: today } });
    await fireEvent.click(screen.getByTestId("client-close-save"));
    await waitFor(() => expect(closed).toHaveLength(1));
    await waitFor(() => expect(backend.drafts.has(`client-close:${client.id}`)).toBe(false));
  });
});
