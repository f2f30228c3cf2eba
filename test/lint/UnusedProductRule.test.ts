import { describe, it } from "vitest";
import { UnusedProductRule } from "../../src/lint/rules/UnusedProductRule.js";
import { dedent } from "../helpers/syntax.js";
import { expectLint } from "./lintText.js";

const ecsv = (cols: readonly [string, string][], rows: string): string =>
  `# %ECSV 1.0\n# ---\n# datatype:\n${cols.map(([n, t]) => `# - {name: ${n}, datatype: ${t}}\n`).join("")}# schema: astropy-2.0\n${cols.map(([n]) => n).join(" ")}\n${rows}`;
const FILES = {
  "exposures.ecsv": ecsv([["EXPID", "int32"]], "1\n2\n"),
  "links.ecsv": ecsv(
    [
      ["EXPID", "int32"],
      ["CAMERA", "string"],
    ],
    "1 b\n2 r\n",
  ),
};

describe("UnusedProductRule", () => {
  it("accepts a result nothing reads, a source nothing writes, and products read by grids and relations", () => {
    expectLint(
      UnusedProductRule,
      dedent`
      pipeline p
      grid camera = {b, r}
      grid exposure = exposures.EXPID
      relation pairs(e: exposure) -> (c: camera) = links { e = EXPID, c = CAMERA }
      product exposures : T at "exposures.ecsv"
      product links : T at "links.ecsv"
      product frame[camera] : F at "frame-{camera}.fits"
      stage s[c: camera] {
        out frame[c]
        time 1min
      }
    `,
      [],
      { files: FILES },
    );
  });

  it("reports a product no stage writes and nothing reads", () => {
    expectLint(
      UnusedProductRule,
      dedent`
      pipeline p
      grid camera = {b, r}
      product frame[camera] : F at "frame-{camera}.fits"
      product qa[camera] : F at "qa-{camera}.json"
      stage s[c: camera] {
        out frame[c]
      }
    `,
      [{ code: "DF6001", message: "Product `qa` is never written nor read.", at: "4:1" }],
    );
  });
});
