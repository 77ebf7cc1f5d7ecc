import { describe, expect, test } from "vitest";
import { knownSyncErrors, syncErrorMessage } from "./syncText";
import { dictionaries, languages, lookup, setLanguage } from "../i18n/index.svelte";

describe("sync error messages", () => {
  test("every sync error code the server and the app send has a message in every language", () => {
    const wanted = [...knownSyncErrors.map((c) => `sync.error.${c}`), "sync.error.other"];
    for (const language of languages) {
      expect(wanted.filter((k) => !lookup(dictionaries[language], k)?.trim()), language).toEqual([]);
    }
  });

  test("a code this version does not know gets the general message, not the code", () => {
    setLanguage("fi");
    expect(syncErrorMessage({ code: "record_forbidden", message: "" })).toMatch(/^Palvelin ei salli/);
    expect(syncErrorMessage({ code: "quantum_flux", message: "quantum_flux" })).toMatch(/^Synkronointi epäonnistui/);
  });
});
