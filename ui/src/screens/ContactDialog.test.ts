import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { MockBackend } from "../mock/backend";
import ContactDialog from "./ContactDialog.svelte";
import { initDrafts, restoreDraft } from "../lib/drafts.svelte";
import { contactDialog, openContactDialog } from "../lib/contactDialog.svelte";
import { toast } from "../lib/toast.svelte";
import { setLanguage } from "../i18n/index.svelte";
import { todayIso } from "../lib/format";

let backend: MockBackend;

beforeEach(() => {
  setLanguage("fi");
  initDrafts([]);
  backend = new MockBackend({ demo: true });
  mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>));
  openContactDialog();
});

async function pickEmployer(text: string) {
  const combo = screen.getByTestId("contact-employer");
  await fireEvent.input(combo, { target: { value: text } });
  await fireEvent.keyDown(combo, { key: "Enter" });
}

describe("quick-add employer contact", () => {
  test("starts in the employer field with face-to-face and now filled in", () => {
    render(ContactDialog);
    expect(document.activeElement).toBe(screen.getByTestId("contact-employer"));
    expect((screen.getByTestId("contact-mode") as HTMLSelectElement).value).toBe("face_to_face");
    expect((screen.getByTestId("contact-when") as HTMLInputElement).value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
  });

  test("saves by keyboard alone: a few letters, Enter, Ctrl+Enter", async () => {
    const before = backend.contacts.length;
    render(ContactDialog);
    await pickEmployer("Kes");
    await waitFor(() => expect(screen.getByTestId("contact-visit").textContent?.trim()).toBe("Käyntikerta 3"));
    await fireEvent.keyDown(screen.getByTestId("contact-employer"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(backend.contacts).toHaveLength(before + 1));
    expect(backend.contacts.at(-1)).toMatchObject({ mode: "face_to_face", clientIds: [] });
    await waitFor(() => expect(contactDialog.open).toBe(false));
    expect(toast.message).toBe("Kontakti tallennettu: Kesko Oy (käyntikerta 3).");
  });

  test("Enter in a single-line field saves once the employer is picked", async () => {
    render(ContactDialog);
    await pickEmployer("Kahvila");
    await waitFor(() => expect(screen.getByTestId("contact-visit").textContent?.trim()).toBe("Käyntikerta 2"));
    const person = screen.getByTestId("contact-person");
    await fireEvent.input(person, { target: { value: "Pekka" } });
    await fireEvent.keyDown(person, { key: "Enter" });
    await waitFor(() => expect(backend.contacts.at(-1)?.contactPerson).toBe("Pekka"));
  });

  test("creates a new employer in the same save when nothing matched", async () => {
    render(ContactDialog);
    await pickEmployer("Uusi Yritys");
    const location = await screen.findByTestId("contact-new-location");
    expect(screen.getByTestId("contact-visit").textContent?.trim()).toBe("Käyntikerta 1");
    await fireEvent.input(location, { target: { value: "Tampere" } });
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(backend.employers.map((e) => e.name)).toContain("Uusi Yritys"));
    expect(backend.employers.find((e) => e.name === "Uusi Yritys")?.location).toBe("Tampere");
  });

  test("shows the rejection under the employer field and keeps the notes", async () => {
    render(ContactDialog);
    const notes = screen.getByTestId("contact-notes") as HTMLTextAreaElement;
    await fireEvent.input(notes, { target: { value: "Kiinnostunut kesätyöntekijöistä." } });
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(screen.getByTestId("contact-employer").getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById("contact-employer-error")?.textContent).toBe("Pakollinen tieto.");
    expect(notes.value).toBe("Kiinnostunut kesätyöntekijöistä.");
    expect(contactDialog.open).toBe(true);
  });

  test("Escape closes the dialog and keeps what was typed as a draft", async () => {
    render(ContactDialog);
    const person = screen.getByTestId("contact-person");
    await fireEvent.input(person, { target: { value: "Liisa" } });
    await fireEvent.keyDown(person, { key: "Escape" });
    expect(contactDialog.open).toBe(false);
    await waitFor(() => expect(backend.drafts.get("contact-quick")).toBeDefined());
    expect(restoreDraft("contact-quick", { contactPerson: "" }).contactPerson).toBe("Liisa");
  });

  test("adds clients from the active caseload with the keyboard", async () => {
    render(ContactDialog);
    const clients = screen.getByTestId("contact-clients");
    await waitFor(() => expect(backend.clients.length).toBe(3));
    await fireEvent.input(clients, { target: { value: "aino" } });
    await fireEvent.keyDown(clients, { key: "Enter" });
    expect(await screen.findByRole("button", { name: "Poista valinta: Aino Virtanen" })).toBeTruthy();
  });

  test("shows 'client present' without a client under its checkbox", async () => {
    render(ContactDialog);
    await pickEmployer("Kes");
    await waitFor(() => expect(screen.getByTestId("contact-visit").textContent?.trim()).toBe("Käyntikerta 3"));
    const present = screen.getByTestId("contact-client-present");
    await fireEvent.click(present);
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(present.getAttribute("aria-invalid")).toBe("true"));
    expect(present.getAttribute("aria-describedby")).toBe("contact-client-present-error");
    expect(document.getElementById("contact-client-present-error")?.textContent).toBe("Tarkista arvo.");
    expect(screen.getByRole("alert").textContent).not.toMatch(/clientPresent/);
  });

  test("shows a cleared contact time as required under it", async () => {
    render(ContactDialog);
    await pickEmployer("Kes");
    await fireEvent.input(screen.getByTestId("contact-when"), { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(document.getElementById("contact-when-error")?.textContent).toBe("Pakollinen tieto."));
  });

  test("shows an inline new employer without a name under the employer field", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "contact_create") throw { code: "validation", message: "", fields: [{ field: "newEmployer.name", code: "required" }] };
      return backend.handle(cmd, args as Record<string, unknown>);
    });
    render(ContactDialog);
    await pickEmployer("Uusi Yritys");
    await screen.findByTestId("contact-new-location");
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(document.getElementById("contact-employer-error")?.textContent).toBe("Pakollinen tieto."));
  });

  test("saves a follow-up date without a next step", async () => {
    render(ContactDialog);
    await pickEmployer("Kes");
    await waitFor(() => expect(screen.getByTestId("contact-visit").textContent?.trim()).toBe("Käyntikerta 3"));
    await fireEvent.input(screen.getByTestId("contact-next-due"), { target: { value: todayIso() } });
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(contactDialog.open).toBe(false));
    expect(backend.contacts.at(-1)).toMatchObject({ nextStep: "", nextStepDue: todayIso() });
  });
});
