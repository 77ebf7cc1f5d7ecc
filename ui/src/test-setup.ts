import { afterEach, beforeEach, vi } from "vitest";
import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import meta from "./mock/fixtures/meta.json";
import { unanswered } from "./mock/unanswered";

// Every test runs at the moment the mock's fixtures were recorded (Wednesday 2026-11-18 10:00;
// vite.config.ts makes local time UTC, as in the recording), so "today" and the forms' default
// dates are the ones Rust answered for. Only Date is faked: timers run as usual.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(meta.now));
});

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
  history.replaceState(null, "", "/");
  const missing = unanswered.splice(0);
  if (missing.length) throw new Error(`the UI made calls the mock has no recording of:\n${missing.join("\n")}`);
});
