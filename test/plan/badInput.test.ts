import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planText } from "../helpers/plan.js";

const PIPELINE = `pipeline bad
grid exposure = exposures.EXPID key { night: int = NIGHT, tile = TILEID, flavor = FLAVOR }
grid night = exposures.NIGHT
grid tile = exposures.TILEID
grid flavor = exposures.FLAVOR
relation covers(t: tile) -> (e: exposure) = exposures { t = TILEID, e = EXPID } fanout 3
product exposures : T at "survey/exposures.ecsv"
product frame[exposure] : F at "frames/{exposure}.fits"
product perflavor[flavor] : F at "flavors/{flavor}.fits"
product pertile[tile] : F at "tiles/{tile}.fits"
stage frame[e: exposure] {
  in exposures
  out frame[e]
}
stage flavors[f: flavor] {
  in frame[e] for e in exposure where e.flavor == f
  out perflavor[f]
}
stage tiles[t: tile] {
  in frame[e] for e in covers(t)
  out pertile[t]
}
`;

const HEADER = (night = "int32"): string =>
  `# %ECSV 1.0\n# ---\n# datatype:\n# - {name: EXPID, datatype: int32}\n# - {name: NIGHT, datatype: ${night}}\n# - {name: TILEID, datatype: int32}\n# - {name: FLAVOR, datatype: string}\n# schema: astropy-2.0\nEXPID NIGHT TILEID FLAVOR\n`;

function plan(table: string, text = PIPELINE): ReturnType<typeof planText> {
  const out = mkdtempSync(path.join(os.tmpdir(), "dflow-bad-"));
  mkdirSync(path.join(out, "survey"));
  writeFileSync(path.join(out, "survey", "exposures.ecsv"), table);
  return planText(text, { out });
}

describe("planning over bad data", () => {
  it("plans good data: tasks per grid key, gathers through filters and relations", () => {
    const r = plan(HEADER() + "1 20201214 1000 science\n2 20201214 1000 flat\n3 20201215 1001 science\n");
    expect(r.short).toBe("");
    expect(r.plan!.graph.stages.map((s) => `${s.name}:${s.count}`)).toEqual(["frame:3", "flavors:2", "tiles:2"]);
    expect(r.plan!.graph.taskCount).toBe(7);
  });

  it("names the file, both rows and the column of a duplicate key", () => {
    const r = plan(HEADER() + "1 20201214 1000 science\n1 20201215 1000 flat\n");
    expect(r.short).toMatch(
      /test\.dflow:2:27: error\[DF4002\]: `[^`]*exposures\.ecsv` has the key 1 twice in column `EXPID` \(rows 1 and 2\), which grid `exposure` declares as its key\./,
    );
  });

  it("names a missing column with suggestions", () => {
    const r = plan(HEADER().replace("TILEID", "TILE").replace("TILEID", "TILE") + "1 20201214 1000 science\n");
    expect(r.short).toMatch(/error\[DF4003\]: `[^`]*exposures\.ecsv` has no column `TILEID`\./);
  });

  it("names the row and column of a value of the wrong type", () => {
    const r = plan(HEADER("string") + "1 tonight 1000 science\n2 20201215 1000 flat\n");
    expect(r.short).toMatch(/error\[DF4005\]: `[^`]*exposures\.ecsv` row 1, column `NIGHT`: "tonight" is not an int, as attribute `night` declares\./);
  });

  it("rejects keys that would leave the output root or carry shell metacharacters, naming file, row and column", () => {
    const r = plan(HEADER() + '1 20201214 1000 ../../etc\n2 20201214 1000 "$(touch pwned)"\n3 20201214 1000 "a b"\n');
    expect(r.short).toMatch(
      /error\[DF4006\]: `[^`]*exposures\.ecsv` row 1, column `FLAVOR`, holds the key "\.\.\/\.\.\/etc", which is not safe in a path, a task id or a shell script\./,
    );
    expect(r.short).toContain('row 2, column `FLAVOR`, holds the key "$(touch pwned)"');
    expect(r.short).toContain('row 3, column `FLAVOR`, holds the key "a b"');
    expect(r.plan).toBeUndefined();
  });

  it("names the key of a relation past its fan-out bound", () => {
    const r = plan(HEADER() + [1, 2, 3, 4].map((i) => `${i} 20201214 1000 science`).join("\n") + "\n");
    expect(r.short).toMatch(/error\[DF4007\]: Relation `covers` maps t = 1000 to 4 pairs in `[^`]*exposures\.ecsv`, more than its fan-out bound 3\./);
  });

  it("names the rows where an attribute has two values for one key", () => {
    const r = plan(
      HEADER() + "1 20201214 1000 science\n2 20201214 1000 flat\n",
      PIPELINE.replace("grid tile = exposures.TILEID", "grid tile = exposures.TILEID { flavor = FLAVOR }"),
    );
    expect(r.short).toMatch(
      /error\[DF4008\]: `[^`]*exposures\.ecsv`: key 1000 of grid `tile` has two values of attribute `flavor` in column `FLAVOR`: "science" \(row 1\) and "flat" \(row 2\)\./,
    );
  });

  it("reports a missing source file", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "dflow-bad-"));
    const r = planText(PIPELINE, { out });
    expect(r.short).toMatch(/error\[DF4004\]: Source product `exposures` is missing: `[^`]*survey\/exposures\.ecsv` does not exist\./);
    // Two grids and a relation read different columns of it: the file is reported once.
    expect(r.short.match(/DF4004/g)).toHaveLength(1);
  });

  it("names the row of a relation that refers to a key its grid does not have", () => {
    const text = PIPELINE.replace(
      "relation covers(t: tile) -> (e: exposure) = exposures { t = TILEID, e = EXPID } fanout 3",
      "grid some = {1000}\nrelation covers(t: some) -> (e: exposure) = exposures { t = TILEID, e = EXPID } fanout 3",
    )
      .replace("stage tiles[t: tile]", "stage tiles[t: some]")
      .replace("product pertile[tile]", "product pertile[some]")
      .replace('"tiles/{tile}.fits"', '"tiles/{some}.fits"');
    const r = plan(HEADER() + "1 20201214 1000 science\n2 20201214 1001 flat\n", text);
    expect(r.short).toMatch(
      /error\[DF4012\]: `[^`]*exposures\.ecsv` row 2, column `TILEID`: 1001 is not a key of grid `some`, so relation `covers` cannot use it\./,
    );
  });

  it("reports a literal index that is not a key of its grid, and a read instance no task produces", () => {
    const text = PIPELINE.replace(
      "stage tiles[t: tile] {\n  in frame[e] for e in covers(t)",
      'stage tiles[t: tile] {\n  in frame[e] for e in covers(t)\n  in perflavor["dark"]\n  in f2: frame[2]',
    );
    const r = plan(
      HEADER() + "1 20201214 1000 science\n2 20201214 1000 flat\n3 20201215 1001 science\n",
      text.replace("stage frame[e: exposure] {", 'stage frame[e: exposure] where e.flavor == "science" {'),
    );
    expect(r.short).toMatch(/error\[DF4017\]: "dark" is not a key of grid `flavor`, so `perflavor` has no such instance\./);
    expect(r.short).toMatch(/error\[DF4014\]: 2 tasks of stage `tiles` read an instance of `frame` that no task produces\./);
  });
});
