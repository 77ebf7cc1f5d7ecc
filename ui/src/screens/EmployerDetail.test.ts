import { afterEach, describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import EmployerDetail from "./EmployerDetail.svelte";
import { MockBackend, recorded } from "../mock/backend";
import { serveMock } from "../mock/install";
import { employerNamed } from "../mock/records";
import { setLanguage } from "../i18n/index.svelte";
import { refreshSync } from "../lib/sync.svelte";
import { toast } from "../lib/toast.svelte";
import type { EmployerSummary } from "../lib/api";

// A test that switches language leaves Finnish behind, also when it fails.
afterEach(() => setLanguage("fi"));

describe("employer contact history", () => {
  test("names the coach who recorded each contact, in the current language", async () => {
    serveMock(new MockBackend());
    setLanguage("en");
    render(EmployerDetail, { props: { id: employerNamed("Kirjasto Kangasala").id } });
    const coaches = await screen.findAllByTestId("employer-contact-coach");
    expect(coaches.map((c) => c.textContent)).toEqual(["Coach: Laura Demo", "Coach: Laura Demo", "Coach: Laura Demo"]);
  });
});

describe("merging duplicate employers", () => {
  const kept = "01a1ee19-5500-7000-8000-000000000025";
  const duplicate = "01a1ee19-5500-7000-8000-0000000b0001";

  test("a supervisor merges the coach's duplicate after confirming, and it leaves the list", async () => {
    // Session sync-merge: the supervisor's computer, the coach having typed a demo employer again.
    const backend = serveMock(new MockBackend("sync-merge"));
    setLanguage("en");
    await refreshSync();
    render(EmployerDetail, { props: { id: kept } });
    const [offered] = await screen.findAllByTestId("employer-duplicate");
    expect(offered.textContent).toContain("AUTOKORJAAMO VIRTA KANGASALA, Kangasala");
    await fireEvent.click(screen.getByTestId("employer-merge-ask"));
    // Keyboard users land on the confirmation.
    await waitFor(() => expect(document.activeElement?.getAttribute("data-testid")).toBe("employer-merge-confirm"));
    // Asked once more; nothing merged yet.
    expect(screen.getByRole("group").getAttribute("aria-label")).toBe(
      "Merge AUTOKORJAAMO VIRTA KANGASALA, Kangasala into Autokorjaamo Virta Kangasala, Kangasala?",
    );
    expect(backend.sent("employers_merge")).toEqual([]);
    await fireEvent.click(screen.getByTestId("employer-merge-confirm"));
    await waitFor(() => expect(screen.queryAllByTestId("employer-duplicate")).toEqual([]));
    expect(backend.sent("employers_merge")).toEqual([{ merge: { keep: kept, duplicate } }]);
    expect(toast.message).toBe(
      "AUTOKORJAAMO VIRTA KANGASALA, Kangasala merged into Autokorjaamo Virta Kangasala, Kangasala.",
    );
    // Focus returns to the section, not to the top of the page.
    expect(document.activeElement?.id).toBe("employer-merge-title");
    // The duplicate's own page now says where its contacts went, and links there.
    render(EmployerDetail, { props: { id: duplicate } });
    const note = await screen.findByTestId("employer-merged-into");
    expect(note.textContent).toContain("This employer was merged into Autokorjaamo Virta Kangasala, Kangasala.");
    expect(note.querySelector("a")?.getAttribute("href")).toContain(kept);
  });

  test("an enrolled coach opening a colleague's employer is offered no merge", async () => {
    // Session sync-colleague: Eeva's computer, with the team's employers Aino made.
    serveMock(new MockBackend("sync-colleague"));
    await refreshSync();
    const employer = recorded<EmployerSummary[]>("employers_list", { search: "" }, "sync-colleague")[0];
    render(EmployerDetail, { props: { id: employer.id } });
    await waitFor(() => expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(employer.name));
    expect(screen.getByTestId("employer-edit")).toBeTruthy();
    expect(screen.queryByTestId("employer-merge")).toBeNull();
  });
});
