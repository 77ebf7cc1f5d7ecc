import { describe, expect, test } from "vitest";
import { scoreOf } from "./scoring";
import type { ItemScore, Rating, ScaleInfo } from "./api";
import cases from "../mock/fixtures/scoring.json";
import { sessions } from "../mock/backend";

// The one rule the UI keeps for itself: the score shows while the rater types. Rust scored
// every case in fixtures/scoring.json (each item of each shipped scale at its kind's edges,
// every cut-off and one past it, and ratings the item refuses: `score` null); the UI must
// give the same answer for each.
const scales = sessions.demo.calls.find((c) => c.cmd === "scales_list")!.ok as ScaleInfo[];
const scored = cases as { scale: string; item: string; rating: Rating; score: ItemScore | null }[];
const items = [...new Set(scored.map((c) => `${c.scale} ${c.item}`))];

describe("live scoring agrees with Rust", () => {
  test("the cases cover every item of every shipped scale", () => {
    expect(items).toEqual(scales.flatMap((s) => s.items.map((i) => `${s.id} ${i.code}`)));
  });

  test.each(items)("%s scores each rating as Rust does, and refuses what Rust refuses", (name) => {
    const [scaleId, code] = name.split(" ");
    const item = scales.find((s) => s.id === scaleId)!.items.find((i) => i.code === code)!;
    const mine = scored.filter((c) => c.scale === scaleId && c.item === code);
    expect(mine.map((c) => ({ rating: c.rating, score: scoreOf(item, c.rating) }))).toEqual(
      mine.map((c) => ({ rating: c.rating, score: c.score })),
    );
  });
});
