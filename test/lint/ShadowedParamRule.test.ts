import { describe, it } from "vitest";
import { ShadowedParamRule } from "../../src/lint/rules/ShadowedParamRule.js";
import { dedent } from "../helpers/syntax.js";
import { expectLint } from "./lintText.js";

describe("ShadowedParamRule", () => {
  it("accepts a default one profile leaves alone, profiles with none the default, and a param without a default", () => {
    expectLint(
      ShadowedParamRule,
      dedent`
      pipeline p
      param a: int = 1
      param b: int
      profile mini default { b = 2 }
      profile big { a = 5, b = 3 }
    `,
      [],
    );
    expectLint(
      ShadowedParamRule,
      dedent`
      pipeline p
      param a: int = 1
      profile mini { a = 2 }
      profile big { a = 5 }
    `,
      [],
    );
  });

  it("reports a default every profile sets, one of them the default, with each entry", () => {
    expectLint(
      ShadowedParamRule,
      dedent`
      pipeline p
      param a: int = 1
      profile mini default { a = 1 }
      profile big { a = 5 }
    `,
      [
        {
          code: "DF6003",
          message: "The default of param `a` is never used: every profile (`mini`, `big`) sets it.",
          at: "2:16",
          secondary: ["set here@3:28", "set here@4:19"],
        },
      ],
    );
  });
});
