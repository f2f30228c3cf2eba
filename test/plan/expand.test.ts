import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { taskId } from "../../src/plan/index.js";
import { planText } from "../helpers/plan.js";

const TABLE = `# %ECSV 1.0\n# ---\n# datatype:\n# - {name: EXPID, datatype: int32}\n# - {name: NIGHT, datatype: int32}\n# - {name: FLAVOR, datatype: string}\n# schema: astropy-2.0\nEXPID NIGHT FLAVOR\n10 20201215 science\n2 20201214 flat\n3 20201214 science\n11 20201215 flat\n`;

function plan(stages: string): ReturnType<typeof planText> {
  const out = mkdtempSync(path.join(os.tmpdir(), "dflow-expand-"));
  mkdirSync(path.join(out, "survey"));
  writeFileSync(path.join(out, "survey", "exposures.ecsv"), TABLE);
  return planText(
    `pipeline x
grid exposure = exposures.EXPID key { night = NIGHT, flavor = FLAVOR }
grid night = exposures.NIGHT
grid camera = {b, r}
product exposures : T at "survey/exposures.ecsv"
product frame[exposure, camera] : F at "f/{exposure}-{camera}.fits"
product pair[night, exposure] : F at "p/{night}/{exposure}.fits"
product flat[night, camera] : F at "flat/{night}-{camera}.fits"
stage frame[e: exposure, c: camera] {
  in exposures
  out frame[e, c]
}
${stages}
`,
    { out },
  );
}

describe("expanding stages", () => {
  it("enumerates tasks in natural key order with stable ids", () => {
    const r = plan("");
    const g = r.plan!.graph;
    expect(Array.from({ length: g.taskCount }, (_, t) => taskId(g, t))).toEqual(
      [2, 3, 10, 11].flatMap((e) => ["b", "r"].map((c) => `frame[exposure=${e},camera=${c}]`)),
    );
  });

  it("turns a stage filter `e.night == n` into a lookup with the same tasks as a scan, either way round", () => {
    const a = plan("stage pair[n: night, e: exposure] where e.night == n {\n  out pair[n, e]\n}");
    const b = plan('stage pair[n: night, e: exposure] where n == e.night and e.flavor != "none" {\n  out pair[n, e]\n}');
    const ids = (r: ReturnType<typeof plan>): string[] => {
      const g = r.plan!.graph;
      const s = g.stages.find((x) => x.name === "pair")!;
      return Array.from({ length: s.count }, (_, i) => taskId(g, s.first + i));
    };
    expect(ids(a)).toEqual([
      "pair[night=20201214,exposure=2]",
      "pair[night=20201214,exposure=3]",
      "pair[night=20201215,exposure=10]",
      "pair[night=20201215,exposure=11]",
    ]);
    expect(ids(b)).toEqual(ids(a));
  });

  it("gathers through a hash lookup and links each task to exactly its producers", () => {
    const r = plan(
      'stage flat[n: night, c: camera] {\n  in flats: frame[x, c] for x in exposure where x.night == n and x.flavor == "flat"\n  out flat[n, c]\n}',
    );
    const g = r.plan!.graph;
    const s = g.stages.find((x) => x.name === "flat")!;
    const deps = (t: number): string[] => Array.from(g.edges.subarray(g.edgeStart[t], g.edgeStart[t + 1]), (p) => taskId(g, p));
    expect(Array.from({ length: s.count }, (_, i) => `${taskId(g, s.first + i)} <- ${deps(s.first + i).join(" ")}`)).toEqual([
      "flat[night=20201214,camera=b] <- frame[exposure=2,camera=b]",
      "flat[night=20201214,camera=r] <- frame[exposure=2,camera=r]",
      "flat[night=20201215,camera=b] <- frame[exposure=11,camera=b]",
      "flat[night=20201215,camera=r] <- frame[exposure=11,camera=r]",
    ]);
  });
});
