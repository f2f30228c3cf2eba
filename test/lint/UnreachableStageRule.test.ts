import { describe, it } from "vitest";
import { UnreachableStageRule } from "../../src/lint/rules/UnreachableStageRule.js";
import { dedent } from "../helpers/syntax.js";
import { expectLint } from "./lintText.js";

describe("UnreachableStageRule", () => {
  it("accepts stages with tasks, and a profile under which the filter lets keys through", () => {
    const text = dedent`
      pipeline p
      param n: int = 2
      profile none { n = 0 }
      grid camera = {b, r}
      grid i = 0..n
      product x[camera] : F at "x-{camera}.fits"
      product y[i] : F at "y-{i}.fits"
      stage s[c: camera] where c == "b" {
        out x[c]
      }
      stage t[k: i] where k > 0 {
        out y[k]
      }
    `;
    expectLint(UnreachableStageRule, text, []);
  });

  it("reports a stage whose where clause leaves no key, pointing at the clause", () => {
    expectLint(
      UnreachableStageRule,
      dedent`
      pipeline p
      grid camera = {b, r}
      product x[camera] : F at "x-{camera}.fits"
      stage s[c: camera] where c == "z" {
        out x[c]
      }
    `,
      [{ code: "DF6004", message: "Stage `s` expands to no task: it never runs.", at: "4:7", secondary: ["no key passes this clause@4:26"] }],
    );
  });

  it("reports it under the profile planned only", () => {
    expectLint(
      UnreachableStageRule,
      dedent`
      pipeline p
      param n: int = 2
      profile none { n = 0 }
      grid i = 0..n
      product y[i] : F at "y-{i}.fits"
      stage t[k: i] where k > 0 {
        out y[k]
      }
    `,
      [{ code: "DF6004", message: "Stage `t` expands to no task at profile `none`: it never runs.", at: "6:7" }],
      { profile: "none" },
    );
  });
});
