import { describe, expect, test } from "vitest";
import { dictionaries, languages, lookup, setLanguage, t } from "./index.svelte";
import { modes, outcomes, purposes, reviewKinds, reviewSubjects, stages } from "../lib/vocab";
import { ERROR_CODES, VALIDATION_CODES } from "../bindings/values";

type Tree = { [key: string]: string | Tree };
function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

const sources = import.meta.glob(["../**/*.svelte", "../**/*.ts", "!../**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("messages", () => {
  test("every key exists in Finnish, Swedish and English alike", () => {
    const all = new Set(languages.flatMap((l) => keys(dictionaries[l] as Tree)));
    for (const language of languages) {
      const own = new Set(keys(dictionaries[language] as Tree));
      const missing = [...all].filter((k) => !own.has(k));
      expect(missing, `missing in ${language}.json`).toEqual([]);
    }
  });

  test("no message is left empty in any language", () => {
    for (const language of languages) {
      const empty = keys(dictionaries[language] as Tree).filter((k) => !lookup(dictionaries[language], k)?.trim());
      expect(empty, `empty in ${language}.json`).toEqual([]);
    }
  });

  test("every literal key a component passes to t() has a message", () => {
    const namespaces = Object.keys(dictionaries.fi).join("|");
    // t("a.b") calls, plus key strings kept in tables (e.g. nav items, milestone labels).
    const pattern = new RegExp(`\\bt\\(\\s*["']([^"'$]+)["']|["'](?:${namespaces})\\.[a-z_]+["']`, "g");
    const used = new Set<string>();
    for (const [file, text] of Object.entries(sources)) {
      if (file.includes("/mock/") || file.includes("/bindings/")) continue;
      for (const m of text.matchAll(pattern)) used.add(m[1] ?? m[0].slice(1, -1));
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => lookup(dictionaries.fi, k) === undefined);
    expect(missing).toEqual([]);
  });

  test("every error and validation code in the IPC contract has a message in every language", () => {
    const wanted = [...ERROR_CODES.map((c) => `errors.${c}`), ...VALIDATION_CODES.map((c) => `validation.${c}`)];
    for (const language of languages) {
      const missing = wanted.filter((k) => !lookup(dictionaries[language], k)?.trim());
      expect(missing, `codes without a message in ${language}.json`).toEqual([]);
    }
  });

  test("no message is kept for a validation code the contract no longer has", () => {
    const validationCodes: readonly string[] = VALIDATION_CODES;
    for (const language of languages) {
      const extra = Object.keys(dictionaries[language].validation as Tree).filter((c) => !validationCodes.includes(c));
      expect(extra, `stale validation messages in ${language}.json`).toEqual([]);
    }
  });

  test("every stage, mode, purpose, outcome, review kind and review subject has a label", () => {
    const wanted = [
      ...stages.map((s) => `stage.${s}`),
      ...modes.map((m) => `mode.${m}`),
      ...purposes.map((p) => `purpose.${p}`),
      ...outcomes.map((o) => `outcome.${o}`),
      ...reviewKinds.map((k) => `fidelity.kind_value.${k}`),
      ...reviewSubjects.map((k) => `fidelity.subject_value.${k}`),
    ];
    expect(wanted.filter((k) => lookup(dictionaries.fi, k) === undefined)).toEqual([]);
  });

  test("fills parameters in the current language and sets the page language", () => {
    setLanguage("fi");
    expect(t("contact.visit", { n: 3 })).toBe("Käyntikerta 3");
    setLanguage("sv");
    expect(t("contact.visit", { n: 3 })).toBe("Besök nr 3");
    expect(document.documentElement.lang).toBe("sv");
    setLanguage("fi");
  });
});
