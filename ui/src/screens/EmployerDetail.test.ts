import { describe, expect, test } from "vitest";
import { render, screen } from "@testing-library/svelte";
import EmployerDetail from "./EmployerDetail.svelte";
import { MockBackend } from "../mock/backend";
import { serveMock } from "../mock/install";
import { employerNamed } from "../mock/records";
import { setLanguage } from "../i18n/index.svelte";

describe("employer contact history", () => {
  test("names the coach who recorded each contact, in the current language", async () => {
    serveMock(new MockBackend());
    setLanguage("en");
    render(EmployerDetail, { props: { id: employerNamed("Kirjasto Kangasala").id } });
    const coaches = await screen.findAllByTestId("employer-contact-coach");
    expect(coaches.map((c) => c.textContent)).toEqual(["Coach: Laura Demo", "Coach: Laura Demo", "Coach: Laura Demo"]);
    setLanguage("fi");
  });
});
