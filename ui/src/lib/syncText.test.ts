import { describe, expect, test } from "vitest";
import { importText, syncErrorMessage } from "./syncText";
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

describe("import progress", () => {
  test("says how many records of how many, and the minutes left once a pace is known", () => {
    setLanguage("en");
    expect(importText({ done: 0, total: 500000, secondsLeft: null })).toBe("Importing team caseloads: 0 of 500,000 records");
    expect(importText({ done: 1000, total: 2500, secondsLeft: 61 })).toBe(
      "Importing team caseloads: 1,000 of 2,500 records, about 2 min left",
    );
    setLanguage("fi");
    expect(importText({ done: 1000, total: 2500, secondsLeft: 5 })).toMatch(/^Tiimin asiakastietoja tuodaan: 1\s000 \/ 2\s500 tietuetta, noin 1 min jäljellä$/);
  });
});
