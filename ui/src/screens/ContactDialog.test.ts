import { beforeEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import ContactDialog from "./ContactDialog.svelte";
import { initDrafts, restoreDraft } from "../lib/drafts.svelte";
import { contactDialog, openContactDialog } from "../lib/contactDialog.svelte";
import { toast } from "../lib/toast.svelte";
import { setLanguage } from "../i18n/index.svelte";

let backend: MockBackend;

beforeEach(() => {
  setLanguage("fi");
  initDrafts([]);
  openContactDialog();
});

function use(session = "demo") {
  backend = serveMock(new MockBackend(session));
}

async function pickEmployer(text: string) {
  const combo = screen.getByTestId("contact-employer");
  await fireEvent.input(combo, { target: { value: text } });
  await fireEvent.keyDown(combo, { key: "Enter" });
}

const visit = () => screen.getByTestId("contact-visit").textContent?.trim();
const sentContact = () => backend.sent("contact_create").map((a) => (a as { input: unknown }).input);

describe("quick-add employer contact", () => {
  test("starts in the employer field with face-to-face and now filled in", () => {
    use();
    render(ContactDialog);
    expect(document.activeElement).toBe(screen.getByTestId("contact-employer"));
    expect((screen.getByTestId("contact-mode") as HTMLSelectElement).value).toBe("face_to_face");
    expect((screen.getByTestId("contact-when") as HTMLInputElement).value).toBe("2026-11-18T10:00");
  });

  test("saves by keyboard alone: a few letters, Enter, Ctrl+Enter", async () => {
    use("contact-quick-add");
    render(ContactDialog);
    await pickEmployer("Kahvila");
    // Kahvila Aalto Nokia has 9 contacts in the demo.
    await waitFor(() => expect(visit()).toBe("Käyntikerta 10"));
    await fireEvent.keyDown(screen.getByTestId("contact-employer"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(contactDialog.open).toBe(false));
    expect(toast.message).toBe("Kontakti tallennettu: Kahvila Aalto Nokia (käyntikerta 10).");
    expect(sentContact()).toMatchObject([{ mode: "face_to_face", clientIds: [], occurredAt: "2026-11-18T10:00", newEmployer: null }]);
  });

  test("Enter in a single-line field saves once the employer is picked", async () => {
    use("contact-with-person");
    render(ContactDialog);
    await pickEmployer("Kahvila");
    await waitFor(() => expect(visit()).toBe("Käyntikerta 10"));
    const person = screen.getByTestId("contact-person");
    await fireEvent.input(person, { target: { value: "Pekka" } });
    await fireEvent.keyDown(person, { key: "Enter" });
    await waitFor(() => expect(contactDialog.open).toBe(false));
    expect(sentContact()).toMatchObject([{ contactPerson: "Pekka" }]);
  });

  test("creates a new employer in the same save when nothing matched", async () => {
    use("contact-new-employer");
    render(ContactDialog);
    await pickEmployer("Uusi Yritys");
    const location = await screen.findByTestId("contact-new-location");
    expect(visit()).toBe("Käyntikerta 1");
    await fireEvent.input(location, { target: { value: "Tampere" } });
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(contactDialog.open).toBe(false));
    expect(toast.message).toBe("Kontakti tallennettu: Uusi Yritys (käyntikerta 1).");
    expect(sentContact()).toMatchObject([
      { employerId: null, newEmployer: { name: "Uusi Yritys", businessId: null, sector: "", location: "Tampere" } },
    ]);
  });

  test("shows the rejection under the employer field and keeps the notes", async () => {
    use();
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
    use();
    render(ContactDialog);
    const person = screen.getByTestId("contact-person");
    await fireEvent.input(person, { target: { value: "Liisa" } });
    await fireEvent.keyDown(person, { key: "Escape" });
    expect(contactDialog.open).toBe(false);
    await waitFor(() => expect(backend.draft("contact-quick")).toMatchObject({ form: "contact", payload: { values: { contactPerson: "Liisa" } } }));
    expect(restoreDraft("contact-quick", { contactPerson: "" }).contactPerson).toBe("Liisa");
  });

  test("adds clients from the active caseload with the keyboard", async () => {
    use();
    render(ContactDialog);
    const clients = screen.getByTestId("contact-clients");
    await waitFor(() => expect(backend.sent("clients_list")).toEqual([{ query: { search: "", stage: null, includeClosed: false } }]));
    await fireEvent.input(clients, { target: { value: "aino" } });
    await waitFor(() => expect(screen.getByRole("option", { name: "Aino K." })).toBeTruthy());
    await fireEvent.keyDown(clients, { key: "Enter" });
    expect(await screen.findByRole("button", { name: "Poista valinta: Aino K." })).toBeTruthy();
  });

  test("shows 'client present' without a client under its checkbox", async () => {
    use();
    render(ContactDialog);
    await pickEmployer("Kahvila");
    await waitFor(() => expect(visit()).toBe("Käyntikerta 10"));
    const present = screen.getByTestId("contact-client-present");
    await fireEvent.click(present);
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(present.getAttribute("aria-invalid")).toBe("true"));
    expect(present.getAttribute("aria-describedby")).toBe("contact-client-present-error");
    expect(document.getElementById("contact-client-present-error")?.textContent).toBe("Tarkista arvo.");
    expect(screen.getByRole("alert").textContent).not.toMatch(/clientPresent/);
  });

  test("shows a cleared contact time as required under it", async () => {
    use();
    render(ContactDialog);
    await pickEmployer("Kahvila");
    await waitFor(() => expect(visit()).toBe("Käyntikerta 10"));
    await fireEvent.input(screen.getByTestId("contact-when"), { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(document.getElementById("contact-when-error")?.textContent).toBe("Pakollinen tieto."));
  });

  test("shows an inline new employer's name that is too long under the employer field", async () => {
    use();
    render(ContactDialog);
    await pickEmployer(LONG_NAME);
    await screen.findByTestId("contact-new-location");
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(document.getElementById("contact-employer-error")?.textContent).toBe("Liian pitkä."));
    expect(sentContact()).toMatchObject([{ newEmployer: { name: LONG_NAME } }]);
  });

  test("saves a follow-up date without a next step", async () => {
    use("contact-follow-up");
    render(ContactDialog);
    await pickEmployer("Kahvila");
    await waitFor(() => expect(visit()).toBe("Käyntikerta 10"));
    await fireEvent.input(screen.getByTestId("contact-next-due"), { target: { value: "2026-11-20" } });
    await fireEvent.click(screen.getByTestId("contact-save"));
    await waitFor(() => expect(contactDialog.open).toBe(false));
    expect(sentContact()).toMatchObject([{ nextStep: "", nextStepDue: "2026-11-20" }]);
  });
});

/** One character over the 200 an employer's name may have. */
const LONG_NAME = "Uusi Yritys ".padEnd(201, "x");
