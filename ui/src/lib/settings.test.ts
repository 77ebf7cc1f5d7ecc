import { beforeEach, describe, expect, test } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { applySettings, defaultSettings, settings, updateSettings } from "./settings.svelte";
import type { Settings } from "./api";

beforeEach(() => applySettings({ ...defaultSettings }));

describe("settings writes", () => {
  test("go out one at a time, each built on what the one before stored", async () => {
    const sent: Settings[] = [];
    const answers: ((s: Settings) => void)[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "settings_update") return null;
      const s = (args as { settings: Settings }).settings;
      sent.push(s);
      return new Promise<Settings>((resolve) => answers.push(() => resolve(s)));
    });
    const first = updateSettings({ coachName: "Laura" });
    const second = updateSettings({ fte: 0.5 });
    await Promise.resolve();
    await Promise.resolve();
    // The second write waits for the first answer…
    expect(sent).toHaveLength(1);
    answers[0](sent[0]);
    await first;
    await new Promise((r) => setTimeout(r, 0));
    // …and carries the first one's change, so it cannot undo it by landing last.
    expect(sent[1]).toMatchObject({ coachName: "Laura", fte: 0.5 });
    answers[1](sent[1]);
    await second;
    expect(settings.value).toMatchObject({ coachName: "Laura", fte: 0.5 });
  });

  test("a failed write does not stop the next one", async () => {
    mockIPC((cmd, args) => {
      const s = (args as { settings: Settings }).settings;
      if (cmd === "settings_update" && s.fte > 1) throw { code: "validation", message: "", fields: [{ field: "fte", code: "out_of_range" }] };
      return s;
    });
    await expect(updateSettings({ fte: 5 })).rejects.toMatchObject({ code: "validation" });
    await expect(updateSettings({ coachName: "Pekka" })).resolves.toMatchObject({ coachName: "Pekka", fte: 1 });
  });

  test("settings missing a field still apply whole", () => {
    applySettings({ language: "sv" });
    expect(settings.value).toEqual({ language: "sv", coachName: "", fte: 1, lastView: "today" });
  });
});
