import { describe, it } from "vitest";
import { UniqueNamesRule } from "../../src/check/rules/UniqueNamesRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

describe("UniqueNamesRule", () => {
  it("accepts distinct names, and a stage and a product sharing a name", () => {
    expectDiagnostics(
      UniqueNamesRule,
      dedent`
      pipeline p
      param seed: int = 1
      grid camera = {b, r}
      product sky[camera] : Sky at "sky-{camera}.fits"
      stage sky[c: camera] {
        out sky[c]
      }
    `,
      [],
    );
  });

  it("reports a product declared twice, pointing at the first declaration", () => {
    expectDiagnostics(
      UniqueNamesRule,
      dedent`
      pipeline p
      product a : A at "a.fits"
      product a : B at "b.fits"
    `,
      [{ code: "DF2001", message: "Product `a` is declared twice.", at: "3:9", secondary: ["first declared here@2:9"] }],
    );
  });

  it("reports a param and a grid sharing a name", () => {
    expectDiagnostics(UniqueNamesRule, "pipeline p\nparam petal: int = 1\ngrid petal = 0..9\n", [
      { code: "DF2001", message: "Param or grid `petal` is declared twice.", at: "3:6", secondary: ["first declared here@2:7"] },
    ]);
  });

  it("reports duplicate stage variables, inputs, attributes and profile entries", () => {
    expectDiagnostics(
      UniqueNamesRule,
      dedent`
      pipeline p
      grid e = x.EXPID { night = NIGHT, night = NIGHT2 }
      profile mini { a = 1, a = 2 }
      stage s[x: e, x: e] {
        in f: a[x]
        in f: b[x]
      }
    `,
      [
        { code: "DF2001", message: "Attribute `night` is declared twice.", at: "2:35" },
        { code: "DF2001", message: "Profile entry `a` is declared twice.", at: "3:23" },
        { code: "DF2001", message: "Stage variable `x` is declared twice.", at: "4:15" },
        { code: "DF2001", message: "Input `f` is declared twice.", at: "6:6", secondary: ["first declared here@5:6"] },
      ],
    );
  });
});
