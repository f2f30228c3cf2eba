import { describe, it } from "vitest";
import { StageTimeRule } from "../../src/lint/rules/StageTimeRule.js";
import { dedent } from "../helpers/syntax.js";
import { expectLint } from "./lintText.js";

describe("StageTimeRule", () => {
  it("accepts a duration and a cost model", () => {
    expectLint(
      StageTimeRule,
      dedent`
      pipeline p
      product x : F at "x.fits"
      product y : F at "y.fits"
      stage s {
        out x
        time 10min
      }
      stage t {
        in x
        out y
        time 2min per 500 spectra
      }
    `,
      [],
    );
  });

  it("reports a stage without `time` at its name", () => {
    expectLint(
      StageTimeRule,
      dedent`
      pipeline p
      product x : F at "x.fits"
      stage make {
        out x
        memory 2GB
      }
    `,
      [{ code: "DF6005", message: "Stage `make` has no time estimate: plans count 60 min a task.", at: "3:7" }],
    );
  });
});
