import { describe, it } from "vitest";
import { ParamRule } from "../../src/check/rules/ParamRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

describe("ParamRule", () => {
  it("accepts typed params, profiles of the right types, and defaults using earlier params", () => {
    expectDiagnostics(
      ParamRule,
      dedent`
      pipeline p
      param n: int = 3
      param m: int = n * 2
      param f: float = 2
      param s: string = "main"
      param b: bool = false
      param night: date = 20201214
      param wall: duration = 10min
      param mem: size = 4GB
      param flux: quantity = 1e-17 erg/s/cm2/Angstrom
      param tags: list[string] = {"a", "b"}
      profile mini default {
        n = 1
        wall = 2h
      }
      profile big {
        n = 100
      }
      grid g = 0..n - 1
    `,
      [],
    );
  });

  it("reports values that do not fit the declared type, and unknown types", () => {
    expectDiagnostics(
      ParamRule,
      dedent`
      pipeline p
      param a: int = 0x10
      param b: int = "abc"
      param c: bool = 3
      param d: intt = 1
      param e: duration = 4GB
      param f: date = 2020
    `,
      [
        { code: "DF3006", message: "Param `a` is an int, but its value is `0x10`.", at: "2:16" },
        { code: "DF3006", message: "Param `b` is an int, but its value is a string.", at: "3:16" },
        { code: "DF3006", message: "Param `c` is a bool, but its value is an int.", at: "4:17" },
        { code: "DF3006", message: "`intt` is not a param type.", at: "5:10" },
        { code: "DF3006", message: "Param `e` is a duration, but its value is `4GB`.", at: "6:21" },
        { code: "DF3006", message: "Param `f` is a date, but its value is an int.", at: "7:17" },
        { code: "DF3040", at: "2:17" },
      ],
    );
  });

  it("reports a default that uses a later param, two default profiles, a profile value of the wrong type, units in grids and unknown units", () => {
    expectDiagnostics(
      ParamRule,
      dedent`
      pipeline p
      param b: int = a * 2
      param a: int = 1
      param d: float = 5 parsecs
      profile one default { a = "x" }
      profile two default { }
      grid g = 0..9x
    `,
      [
        { code: "DF3006", message: "The default of `b` uses `a`, which is declared after it.", at: "2:16", secondary: ["declared here@3:7"] },
        { code: "DF3006", message: "Param `d` is a float, but its value is `5 parsecs`.", at: "4:18" },
        { code: "DF3006", message: "Only one profile can be the default, but `one` and `two` both are.", at: "6:9" },
        { code: "DF3006", message: "Param `a` (profile `one`) is an int, but its value is a string.", at: "5:27" },
        { code: "DF3006", message: "A grid's keys take no unit, but this is `9x`.", at: "7:13" },
        { code: "DF3040", at: "4:20" },
      ],
    );
  });
});
