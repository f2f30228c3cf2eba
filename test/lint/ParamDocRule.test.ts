import { describe, it } from "vitest";
import { ParamDocRule } from "../../src/lint/rules/ParamDocRule.js";
import { dedent } from "../helpers/syntax.js";
import { expectLint } from "./lintText.js";

describe("ParamDocRule", () => {
  it("accepts a comment on the lines right above a param, or at the end of its line", () => {
    expectLint(
      ParamDocRule,
      dedent`
      pipeline p
      # Healpix resolution, nested.
      # Used by the regrouping.
      param nside: int = 64
      param gain: float = 1.5   # electrons per ADU
        # indented comments count too
      param n: int = 3
    `,
      [],
    );
  });

  it("reports a param with no comment, or one whose comment is separated by a blank line or belongs to the line above", () => {
    expectLint(
      ParamDocRule,
      dedent`
      pipeline p
      param a: int = 1
      # A comment about the file.

      param b: int = 2
      param c: int = 3   # about c
      param d: int = 4
    `,
      [
        { code: "DF6008", message: "Param `a` has no doc comment.", at: "2:7" },
        { code: "DF6008", message: "Param `b` has no doc comment.", at: "5:7" },
        { code: "DF6008", message: "Param `d` has no doc comment.", at: "7:7" },
      ],
    );
  });
});
