import { describe, expect, test } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import { lastViewFor, navigate, parseView, startRouter, router, type View } from "./router.svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import App from "../App.svelte";

describe("lastView routing", () => {
  test("reopens the saved last view when the app starts without a screen in the URL", () => {
    const stop = startRouter("client:abc", () => {});
    expect(router.view).toEqual({ name: "client", id: "abc" });
    expect(location.hash).toBe("#client:abc");
    stop();
  });

  test("prefers the screen in the URL over the saved one, so a reload stays put", () => {
    history.replaceState(null, "", "#employers");
    const stop = startRouter("caseload", () => {});
    expect(router.view).toEqual({ name: "employers" });
    stop();
  });

  test("falls back to Today for a saved view it does not know", () => {
    expect(parseView("reports:2024")).toEqual({ name: "today" });
    expect(parseView("")).toEqual({ name: "today" });
  });

  test("opens the conflicts view from its link", () => {
    expect(parseView("#conflicts")).toEqual({ name: "conflicts" });
  });

  test("remembers a half-filled form as the screen it belongs to", () => {
    const cases: [View, string][] = [
      [{ name: "client-new" }, "caseload"],
      [{ name: "client-edit", id: "c1" }, "client:c1"],
      [{ name: "employer-new" }, "employers"],
      [{ name: "employer-edit", id: "e1" }, "employer:e1"],
      [{ name: "employer", id: "e1" }, "employer:e1"],
      [{ name: "settings" }, "settings"],
      [{ name: "review-new" }, "fidelity"],
      [{ name: "review", id: "r1" }, "review:r1"],
      [{ name: "outcomes" }, "outcomes"],
      [{ name: "conflicts" }, "conflicts"],
    ];
    for (const [view, saved] of cases) expect(lastViewFor(view)).toBe(saved);
  });

  test("reports every screen change so it can be saved", async () => {
    const seen: View[] = [];
    const stop = startRouter("today", (v) => seen.push(v));
    navigate({ name: "employer", id: "e 1" });
    await waitFor(() => expect(seen).toEqual([{ name: "employer", id: "e 1" }]));
    stop();
  });

  test("the app opens on the saved screen and saves the next one through settings", async () => {
    const backend = serveMock(new MockBackend());
    // As a previous session left it.
    const saved = backend.handle("settings_update", { settings: { language: "fi", coachName: "", fte: 1, lastView: "employers" } });
    render(App);
    expect(await screen.findByRole("heading", { level: 1, name: "Työnantajat" })).toBeTruthy();
    navigate({ name: "settings" });
    await waitFor(() => expect(backend.sent("settings_update")).toHaveLength(2));
    expect(backend.sent("settings_update")[1]).toEqual({ settings: { ...(saved as object), lastView: "settings" } });
  });
});
