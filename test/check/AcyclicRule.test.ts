import { describe, it } from "vitest";
import { AcyclicRule } from "../../src/check/rules/AcyclicRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

describe("AcyclicRule", () => {
  it("accepts a chain, and a data-dependent grid computed upstream of its stages", () => {
    expectDiagnostics(
      AcyclicRule,
      dedent`
      pipeline p
      grid h = targets.HPX
      product targets : T at "t.fits"
      product spec[h] : S at "s/{h}.fits"
      product z[h] : Z at "z/{h}.fits"
      product z0[e] : Z at "z0/{e}.fits"
      stage mk { out targets }
      stage g[x: h] {
        in targets
        out spec[x]
      }
      stage r[x: h] {
        in spec[x]
        out z[x]
      }
    `,
      [],
    );
  });

  it("reports a cycle between stages with its path", () => {
    expectDiagnostics(
      AcyclicRule,
      dedent`
      pipeline p
      product a : A at "a"
      product b : B at "b"
      product c : C at "c"
      stage sa {
        in c
        out a
      }
      stage sb {
        in a
        out b
      }
      stage sc {
        in b
        out c
      }
    `,
      [
        {
          code: "DF2006",
          message: "These stages form a cycle: `sa` → `sb` → `sc` → `sa`.",
          at: "10:6",
          secondary: ["`sc` reads `b` from `sb`@14:6", "`sa` reads `c` from `sc`@6:6"],
        },
      ],
    );
  });

  it("reports a grid that depends on a product made by the stages partitioned on it", () => {
    expectDiagnostics(
      AcyclicRule,
      dedent`
      pipeline p
      grid h = pix.HPX
      product pix[h] : P at "p/{h}.fits"
      stage mk[x: h] {
        out pix[x]
      }
    `,
      [
        {
          code: "DF2010",
          message: "Grid `h` can never be resolved: it is computed from `pix`, which needs it first (`mk` → `mk`).",
          at: "4:13",
        },
      ],
    );
  });

  it("reports a cycle through a relation computed from a product its stages make", () => {
    expectDiagnostics(
      AcyclicRule,
      dedent`
      pipeline p
      grid h = {1, 2}
      grid e = {3, 4}
      relation r(x: h) -> (y: e) = pairs { x = H, y = E }
      product pairs : P at "pairs.ecsv"
      product z[h] : Z at "z/{h}.fits"
      product z0[e] : Z at "z0/{e}.fits"
      stage mk {
        in z[x] for x in h
        out pairs
      }
      stage use[x: h] {
        in z0[y] for y in r(x)
        out z[x]
      }
    `,
      [{ code: "DF2010", message: "Relation `r` can never be resolved: it is computed from `pairs`, which needs it first (`mk` → `use` → `mk`)." }],
    );
  });
});
