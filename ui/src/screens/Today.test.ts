import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { MockBackend } from "../mock/backend";
import Today from "./Today.svelte";
import { setLanguage } from "../i18n/index.svelte";
import { toast } from "../lib/toast.svelte";

const now = new Date(2026, 10, 18, 10, 0);
let backend: MockBackend;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now);
  setLanguage("fi");
  backend = new MockBackend({ demo: true, now });
  mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>));
});
afterEach(() => vi.useRealTimers());

describe("supervisor review of the contact log", () => {
  test("marking the log reviewed stamps every unreviewed contact and says how many", async () => {
    render(Today);
    await fireEvent.click(await screen.findByTestId("log-reviewed"));
    await waitFor(() => expect(toast.message).toMatch(/^\d+ kontaktia merkitty tarkistetuksi$/));
    const recent = (await backend.handle("contacts_recent", { limit: 500 })) as { reviewedAt: string | null }[];
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((c) => c.reviewedAt !== null)).toBe(true);
  });
});
