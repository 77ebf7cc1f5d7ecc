import { describe, expect, test } from "vitest";
import { syncErrorMessage } from "./syncText";
import { setLanguage } from "../i18n/index.svelte";
import type { SyncErrorCode } from "./api";

// Every code has a message in every language: src-tauri/tests/messages.rs checks the i18n
// files against Rust's SyncErrorCode.
describe("sync error messages", () => {
  test("a known code gets its own message and an unknown one the general message, never the code", () => {
    setLanguage("fi");
    expect(syncErrorMessage({ code: "record_forbidden", message: "" })).toMatch(/^Palvelin ei salli/);
    expect(syncErrorMessage({ code: "unknown", message: "quota_exceeded" })).toMatch(/^Palvelin hylkäsi synkronoinnin syystä/);
    const stray = "quantum_flux" as SyncErrorCode;
    expect(syncErrorMessage({ code: stray, message: "" })).toBe(syncErrorMessage({ code: "unknown", message: "" }));
  });
});
