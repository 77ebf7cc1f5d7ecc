import { describe, expect, test } from "vitest";
import scales from "./scales.json";
import ips25 from "../../../assets/fidelity/ips-25.toml?raw";
import laatukriteerit from "../../../assets/fidelity/laatukriteerit.toml?raw";

// The mock serves a JSON copy of the shipped scale files (scripts/mock-scales.py makes it).
// This notices a copy gone stale: every item, version and cut-off list must match the TOML.
describe("the mock's copy of the shipped scales", () => {
  test.each([
    ["ips-25", ips25],
    ["laatukriteerit", laatukriteerit],
  ])("%s matches its scale file", (id, toml) => {
    const scale = scales.find((s) => s.id === id)!;
    expect(toml).toContain(`version = "${scale.version}"`);
    const codes = [...toml.matchAll(/^code = "([A-Z]\d+)"/gm)].map((m) => m[1]);
    expect(scale.items.map((i) => i.code)).toEqual(codes);
    for (const item of scale.items) {
      const cutOffs = (item.scoring as { cutOffs?: number[] }).cutOffs;
      if (cutOffs) expect(toml).toContain(`cut_offs = [${cutOffs.join(", ")}]`);
    }
  });
});
