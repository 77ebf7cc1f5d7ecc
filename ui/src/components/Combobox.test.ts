import { describe, expect, test, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Combobox, { type ComboOption } from "./Combobox.svelte";

const directory: ComboOption[] = [
  { id: "e1", label: "Kesko Oy", detail: "Tampere" },
  { id: "e2", label: "Kesko Oy", detail: "Nokia" },
  { id: "e3", label: "Kahvila Sointu" },
];

function setup(withCreate = true) {
  const onpick = vi.fn();
  const search = vi.fn(async (q: string) => directory.filter((e) => e.label.toLowerCase().includes(q.toLowerCase())));
  render(Combobox, {
    props: {
      id: "employer",
      label: "Työnantaja",
      search,
      onpick,
      createLabel: withCreate ? (name: string) => `Luo uusi työnantaja ”${name}”` : undefined,
    },
  });
  const input = screen.getByRole("combobox");
  return { input, onpick, search };
}

async function typeInto(input: HTMLElement, text: string) {
  await fireEvent.input(input, { target: { value: text } });
}

describe("employer combobox", () => {
  test("filters the directory as the coach types and lists the matches", async () => {
    const { input, search } = setup();
    await typeInto(input, "kes");
    expect(search).toHaveBeenLastCalledWith("kes");
    await waitFor(() => expect(screen.getAllByRole("option", { hidden: false }).map((o) => o.textContent?.trim())).toEqual([
      "Kesko Oy, Tampere",
      "Kesko Oy, Nokia",
      "Luo uusi työnantaja ”kes”",
    ]));
    expect(input.getAttribute("aria-expanded")).toBe("true");
  });

  test("picks the first match with Enter straight after typing", async () => {
    const { input, onpick } = setup();
    await typeInto(input, "Kah");
    await fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(onpick).toHaveBeenCalledWith({ option: directory[2] }));
    expect((input as HTMLInputElement).value).toBe("Kahvila Sointu");
    expect(input.getAttribute("aria-expanded")).toBe("false");
  });

  test("moves the active option with the arrow keys and wraps around", async () => {
    const { input, onpick } = setup();
    await typeInto(input, "kesko");
    await waitFor(() => expect(screen.getAllByRole("option")).toHaveLength(3));
    await fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.getAttribute("aria-activedescendant")).toBe("employer-opt-1");
    await fireEvent.keyDown(input, { key: "ArrowUp" });
    await fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(input.getAttribute("aria-activedescendant")).toBe("employer-opt-2");
    await fireEvent.keyDown(input, { key: "ArrowDown" });
    await fireEvent.keyDown(input, { key: "ArrowDown" });
    await fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(onpick).toHaveBeenCalledWith({ option: directory[1] }));
  });

  test("offers to create the employer first when nothing matches, and Enter picks that", async () => {
    const { input, onpick } = setup();
    await typeInto(input, "Uusi Yritys");
    await waitFor(() => expect(screen.getAllByRole("option")[0].textContent?.trim()).toBe("Luo uusi työnantaja ”Uusi Yritys”"));
    await fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(onpick).toHaveBeenCalledWith({ create: "Uusi Yritys" }));
  });

  test("does not offer to create a name that already exists exactly", async () => {
    const { input } = setup();
    await typeInto(input, "kahvila sointu");
    await waitFor(() => expect(screen.getAllByRole("option")).toHaveLength(1));
  });

  test("never offers to create where creating is not allowed", async () => {
    const { input, onpick } = setup(false);
    await typeInto(input, "Uusi Yritys");
    await fireEvent.keyDown(input, { key: "Enter" });
    await new Promise((r) => setTimeout(r, 0));
    expect(onpick).not.toHaveBeenCalled();
  });

  test("Escape closes the list and is used up there, so the dialog around it stays open", async () => {
    const { input } = setup();
    await typeInto(input, "kes");
    const first = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true });
    input.dispatchEvent(first);
    expect(first.defaultPrevented).toBe(true);
    await waitFor(() => expect(input.getAttribute("aria-expanded")).toBe("false"));
    const second = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true });
    input.dispatchEvent(second);
    expect(second.defaultPrevented).toBe(false);
  });

  test("leaves Enter to the form when the list is closed, so the form can save", async () => {
    const { input, onpick } = setup();
    const event = new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(onpick).not.toHaveBeenCalled();
  });
});
