import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { formFailure, toIpcError } from "./errors";
import { setLanguage } from "../i18n/index.svelte";
import { initDrafts } from "./drafts.svelte";
import ClientForm from "../screens/ClientForm.svelte";

const rejection = { code: "validation", message: "invalid input", fields: [{ field: "name", code: "required" }, { field: "entryDate", code: "too_far_in_future" }] };

describe("error to field mapping", () => {
  test("maps each rejected field to its own message in the current language", () => {
    setLanguage("en");
    const failure = formFailure(rejection, ["name", "entryDate"]);
    expect(failure.fields).toEqual({ name: "required", entryDate: "too_far_in_future" });
    expect(failure.alert).toBe("Some fields need checking. Everything you typed is still here.");
    setLanguage("fi");
  });

  test("names a rejected field the form cannot point at in the alert, so no message is lost", () => {
    setLanguage("en");
    expect(formFailure(rejection, ["entryDate"]).alert).toContain("name: Required.");
    setLanguage("fi");
  });

  test("turns a storage failure into a clear alert without field messages", () => {
    setLanguage("fi");
    const failure = formFailure({ code: "storage", message: "disk full", fields: [] }, []);
    expect(failure.fields).toEqual({});
    expect(failure.alert).toMatch(/ei voinut kirjoittaa levylle/);
  });

  test("places an unreadable list element under the list's own field", () => {
    const failure = formFailure({ code: "validation", message: "", fields: [{ field: "clientIds[1]", code: "invalid" }] }, ["clientIds"]);
    expect(failure.fields).toEqual({ clientIds: "invalid" });
  });

  test("shows the demo refusal on a non-empty database in the current language", () => {
    setLanguage("en");
    expect(formFailure({ code: "not_empty", message: "", fields: [] }, []).alert).toMatch(/only be loaded into an empty database/);
    setLanguage("fi");
  });

  test("treats a rejection outside the contract as 'unavailable'", () => {
    expect(toIpcError("boom")).toEqual({ code: "unavailable", message: "boom", fields: [] });
    expect(toIpcError({ code: "weird" }).code).toBe("unavailable");
    expect(toIpcError({ code: "validation", fields: [{ field: "x", code: "in_future" }] }).fields).toEqual([{ field: "x", code: "invalid" }]);
  });
});

describe("client form", () => {
  test("keeps the typed notes when the save is rejected and points at the field", async () => {
    setLanguage("fi");
    initDrafts([]);
    mockIPC((cmd) => {
      if (cmd === "client_create") throw rejection;
      return null;
    });
    render(ClientForm);
    const notes = (await screen.findByLabelText("Muistiinpanot")) as HTMLTextAreaElement;
    await fireEvent.input(notes, { target: { value: "Tapaa mieluiten aamupäivisin." } });
    await fireEvent.click(screen.getByTestId("client-save"));

    const name = screen.getByLabelText("Nimi");
    await waitFor(() => expect(name.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(name.getAttribute("aria-describedby")!)?.textContent).toBe("Pakollinen tieto.");
    expect(screen.getByTestId("client-entry").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toMatch(/Tarkista merkityt kentät/);
    expect(notes.value).toBe("Tapaa mieluiten aamupäivisin.");
  });
});
