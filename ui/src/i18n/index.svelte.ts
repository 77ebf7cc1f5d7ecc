// A tiny message lookup: one reactive language, three JSON dictionaries. Components call
// `t(key)` inside their markup, which re-renders them when the language changes.
import type { Language } from "../lib/api";
import fi from "./fi.json";
import sv from "./sv.json";
import en from "./en.json";
import { LANGUAGES } from "../bindings/values";

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the Finnish (reference) dictionary, e.g. "today.title". */
export type MessageKey = Leaves<typeof fi>;
export type Params = Record<string, string | number>;

type Dictionary = { [key: string]: string | Dictionary };
export const dictionaries: Record<Language, Dictionary> = { fi, sv, en };
/** The languages Polku ships, in Rust's order (generated). */
export const languages: readonly Language[] = LANGUAGES;

const locales: Record<Language, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

let current = $state<Language>("fi");

export const i18n = {
  get language(): Language {
    return current;
  },
  get locale(): string {
    return locales[current];
  },
};

export function setLanguage(language: Language): void {
  current = language;
  document.documentElement.lang = language;
}

/** The language of the operating system, for screens shown before settings can be read. */
export function systemLanguage(): Language {
  const tag = (navigator.language || "fi").slice(0, 2).toLowerCase();
  return (languages as string[]).includes(tag) ? (tag as Language) : "fi";
}

export function lookup(dictionary: Dictionary, key: string): string | undefined {
  let node: string | Dictionary | undefined = dictionary;
  for (const part of key.split(".")) {
    if (typeof node !== "object") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

export function t(key: MessageKey, params?: Params): string {
  // Falling back to Finnish, then the key itself, keeps a missing translation visible
  // without breaking the screen; the completeness test stops it from shipping.
  const text = lookup(dictionaries[current], key) ?? lookup(fi, key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
