/**
 * The QA computations against hand-counted references: success and purity per class, binned
 * success, n(z), an exposure's depth and the fiber-assignment efficiency.
 */
import { describe, expect, test } from "vitest";
import { efftimeOf } from "../../stdlib/calib/tsnr.js";
import {
  assignmentByClass,
  binnedSuccess,
  classCounts,
  exposureDepth,
  isCorrect,
  median,
  nOfZ,
  summaryLines,
  type MatchedTarget,
} from "../../stdlib/qa/index.js";

const t = (cls: string, ztrue: number, z: number, zwarn: number, spectype: string, truespectype: string, mag = 20, oii = 0): MatchedTarget => ({
  ...{ cls, ztrue, z, zwarn, spectype, truespectype, mag, oii },
});

// ELG: 4 observed, 3 confident, 2 correct (one off by 0.01 (1+z)); LRG: 2 observed, 2 confident, 1 correct (wrong type); STAR: 1, 0 confident.
const TARGETS = [
  t("ELG", 1.0, 1.0002, 0, "GALAXY", "GALAXY", 22.1, 3e-17),
  t("ELG", 1.2, 1.2, 0, "GALAXY", "GALAXY", 22.3, 8e-17),
  t("ELG", 0.8, 0.8 + 0.01 * 1.8, 0, "GALAXY", "GALAXY", 22.6, 1e-17),
  t("ELG", 1.4, 0.3, 4, "GALAXY", "GALAXY", 23.2, 2e-17),
  t("LRG", 0.6, 0.6, 0, "GALAXY", "GALAXY", 20.1),
  t("LRG", 0.7, 0.7, 0, "STAR", "GALAXY", 20.4),
  t("STAR", 0, 0.0001, 4, "STAR", "STAR", 18),
];

describe("redshifts against truth", () => {
  test("a redshift is correct when confident, within 0.0033 (1 + z) and of the true type.", () => {
    expect(TARGETS.map(isCorrect)).toEqual([true, true, false, false, true, false, false]);
  });

  test("counts per class, and the summary's success and purity from them.", () => {
    const counts = classCounts(TARGETS);
    expect(counts).toEqual([
      { cls: "ELG", observed: 4, confident: 3, correct: 2 },
      { cls: "LRG", observed: 2, confident: 2, correct: 1 },
      { cls: "STAR", observed: 1, confident: 0, correct: 0 },
    ]);
    expect(summaryLines(counts, 9, 12)).toEqual([
      "redshifts against truth (correct: ZWARN = 0, |Δz|/(1+z) < 0.0033, true SPECTYPE):",
      "  class  observed  ZWARN=0  correct  success  purity",
      "  ELG           4        3        2   50.0 %  66.7 %",
      "  LRG           2        2        1   50.0 %  50.0 %",
      "  STAR          1        0        0    0.0 %       –",
      "  all           7        5        3   42.9 %  60.0 %",
      "fiber assignment: 9 of 12 targets in the tiles' fields (75.0 %)",
    ]);
  });

  test("success in bins of magnitude and of log [OII] flux; n(z) of the truth and of the confident redshifts.", () => {
    expect(binnedSuccess(TARGETS, (x) => x.mag, 0.5)).toEqual([
      { cls: "ELG", x: 22.25, n: 2, success: 1 },
      { cls: "ELG", x: 22.75, n: 1, success: 0 },
      { cls: "ELG", x: 23.25, n: 1, success: 0 },
      { cls: "LRG", x: 20.25, n: 2, success: 0.5 },
      { cls: "STAR", x: 18.25, n: 1, success: 0 },
    ]);
    const elg = TARGETS.filter((x) => x.cls === "ELG");
    expect(binnedSuccess(elg, (x) => Math.log10(x.oii), 0.2).map((b) => [b.x, b.n, b.success])).toEqual([
      [-16.9, 1, 0],
      [-16.7, 1, 0],
      [-16.5, 1, 1],
      [-16.1, 1, 1],
    ]);
    expect(nOfZ(TARGETS, 0.5)).toEqual([
      { kind: "true", z: 0.25, count: 1 },
      { kind: "true", z: 0.75, count: 3 },
      { kind: "true", z: 1.25, count: 3 },
      { kind: "recovered", z: 0.75, count: 3 },
      { kind: "recovered", z: 1.25, count: 2 },
    ]);
  });
});

describe("exposure depth and fiber assignment", () => {
  test("an exposure's TSNR2 is the median over fibers seen by every camera of the sum over cameras; its EFFTIME is SNR2TIME times it.", () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, NaN]);
    const cams = [
      new Map([
        ["1", 1],
        ["2", 2],
        ["3", 3],
        ["9", 100],
      ]),
      new Map([
        ["1", 10],
        ["2", 20],
        ["3", 30],
      ]),
      new Map([
        ["1", 0.5],
        ["2", 0.5],
        ["3", 0.5],
      ]),
    ];
    const d = exposureDepth({ expid: 7, night: 20210101, tileid: 1, exptime: 900, efftimePlanned: 1000 }, cams);
    expect([d.tsnr2Lrg, d.nfiber]).toEqual([22.5, 3]);
    expect(d.efftimeSpec).toBeCloseTo(efftimeOf("LRG", 22.5), 9);
  });

  test("efficiency per class counts only targets within 1.6° of a tile's centre, and no sky positions.", () => {
    const id = BigInt64Array.from([1n, 2n, 3n, 4n, 5n]);
    const targets = [{ id, ra: Float64Array.from([10, 10.5, 11.55, 14, 10]), dec: Float64Array.from([0, 0, 0, 0, 1]) }];
    const truth = new Map(
      (["ELG", "ELG", "LRG", "LRG", "SKY"] as const).map((cls, i) => [BigInt(i + 1), { cls, truespectype: "GALAXY", ztrue: 1, mag: 20, oii: 0 }] as const),
    );
    // Target 3 at 1.55° is inside, target 4 at 4° outside; 5 is a sky position.
    expect(assignmentByClass(targets, truth, new Set([1n, 3n, 4n, 5n]), [{ ra: 10, dec: 0 }])).toEqual([
      { cls: "ELG", inFields: 2, assigned: 1 },
      { cls: "LRG", inFields: 1, assigned: 1 },
    ]);
  });
});
