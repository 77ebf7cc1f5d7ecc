import { describe, expect, test } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import EmployerDetail from "./EmployerDetail.svelte";
import { MockBackend } from "../mock/backend";
import { setLanguage } from "../i18n/index.svelte";

describe("employer contact history", () => {
  test("names the coach who recorded each contact, in the current language", async () => {
    const backend = new MockBackend({ demo: true });
    const kesko = backend.employers.find((e) => e.name === "Kesko Oy")!;
    mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>));
    setLanguage("en");
    render(EmployerDetail, { props: { id: kesko.id } });
    const coaches = await screen.findAllByTestId("employer-contact-coach");
    expect(coaches.map((c) => c.textContent)).toEqual(["Coach: Laura Demo", "Coach: Laura Demo"]);
    setLanguage("fi");
  });
});
