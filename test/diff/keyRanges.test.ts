/** Stale tasks written as key ranges: runs of consecutive keys in the stage's own order, full variables left out. */
import { describe, expect, it } from "vitest";
import { keyRanges } from "../../src/diff/index.js";
import type { StageTasks, TaskGraph } from "../../src/plan/index.js";

/** A stage over night × camera (every pair, or those `keep` allows), as the planner stores it: key indices by column. */
function stage(nights: readonly number[], cameras: readonly string[], keep: (n: number, c: string) => boolean = () => true) {
  const ni: number[] = [];
  const ci: number[] = [];
  nights.forEach((n, a) => cameras.forEach((c, b) => (keep(n, c) ? (ni.push(a), ci.push(b)) : undefined)));
  const s = {
    name: "sky",
    vars: [
      { name: "n", grid: "night" },
      { name: "c", grid: "camera" },
    ],
    first: 0,
    count: ni.length,
    keys: [Int32Array.from(ni), Int32Array.from(ci)],
  } as unknown as StageTasks;
  const g = {
    grids: new Map([
      ["night", { keys: nights }],
      ["camera", { keys: cameras }],
    ]),
  } as unknown as TaskGraph;
  const at = (n: number, c: string): number => ni.findIndex((x, i) => nights[x] === n && cameras[ci[i]!] === c);
  return { s, g, at };
}

const NIGHTS = [20201214, 20201215, 20201216, 20201217, 20201218, 20201219, 20201220, 20201221, 20201222];

describe("keyRanges", () => {
  it("compacts consecutive nights of one camera, and leaves out a variable whose every key is stale", () => {
    const { s, g, at } = stage(NIGHTS, ["b", "r", "z"]);
    const tasks = [...NIGHTS.slice(0, 7).map((n) => at(n, "b")), at(20201221, "b"), at(20201221, "r"), at(20201221, "z")].sort((a, b) => a - b);
    expect(keyRanges(g, s, tasks)).toEqual({ boxes: ["sky[night=20201214..20201220, camera=b]", "sky[night=20201221]"], more: 0 });
  });

  it("writes several runs in braces, the whole stage as *, and counts the boxes it leaves out", () => {
    const { s, g, at } = stage(NIGHTS, ["b", "r", "z"]);
    const odd = [20201214, 20201215, 20201218, 20201222].map((n) => at(n, "z"));
    expect(keyRanges(g, s, odd).boxes).toEqual(["sky[night={20201214..20201215, 20201218, 20201222}, camera=z]"]);
    expect(keyRanges(g, s, [...Array(s.count).keys()]).boxes).toEqual(["sky[*]"]);
    const diagonal = NIGHTS.slice(0, 3).map((n, i) => at(n, ["b", "r", "z"][i]!));
    expect(keyRanges(g, s, diagonal, 2)).toEqual({ boxes: ["sky[night=20201214, camera=b]", "sky[night=20201215, camera=r]"], more: 1 });
  });

  it("counts runs over the keys the stage has (a `where` leaves gaps that do not break a run)", () => {
    // Flats on 20201216 and 20201218: the stage has no task there.
    const { s, g, at } = stage(NIGHTS, ["b"], (n) => n !== 20201216 && n !== 20201218);
    const tasks = [20201215, 20201217, 20201219].map((n) => at(n, "b"));
    expect(keyRanges(g, s, tasks).boxes).toEqual(["sky[night=20201215..20201219]"]);
  });
});
