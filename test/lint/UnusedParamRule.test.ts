import { describe, it } from "vitest";
import { UnusedParamRule } from "../../src/lint/rules/UnusedParamRule.js";
import { dedent } from "../helpers/syntax.js";
import { expectLint } from "./lintText.js";

describe("UnusedParamRule", () => {
  it("accepts params used by a stage, a grid, a resource, a path template, and `seed`, which the runtime reads", () => {
    expectLint(
      UnusedParamRule,
      dedent`
      pipeline p
      param seed: int = 1
      param n: int = 3
      param gain: float = 1.5
      param ncore: int = 4
      param nside: int = 64
      grid i = 0..n - 1
      product x[i] : F at "x-{nside}-{i}.fits"
      stage s[k: i] {
        out x[k]
        param gain = gain
        cores ncore
      }
    `,
      [],
    );
  });

  it("reports a param nothing refers to, even when a profile sets it", () => {
    expectLint(
      UnusedParamRule,
      dedent`
      pipeline p
      param gain: float = 1.5
      profile big { gain = 2.0 }
      product x : F at "x.fits"
      stage s {
        out x
      }
    `,
      [{ code: "DF6002", message: "Param `gain` is never used: setting it changes nothing.", at: "2:7" }],
    );
  });
});
