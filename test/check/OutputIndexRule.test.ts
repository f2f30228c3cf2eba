import { describe, it } from "vitest";
import { OutputIndexRule } from "../../src/check/rules/OutputIndexRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

const DECLS = dedent`
  pipeline p
  grid exposure = exposures.EXPID { night = NIGHT }
  grid night = exposures.NIGHT
  grid camera = {b, r}
  product exposures : ExposureList at "e.ecsv"
  product sky[exposure, camera] : Sky at "s/{exposure}-{camera}.fits"
  product nightly[night] : N at "n/{night}.fits"
`;

describe("OutputIndexRule", () => {
  it("accepts outputs indexed by exactly the stage's variables, in any order of declaration", () => {
    expectDiagnostics(
      OutputIndexRule,
      DECLS +
        dedent`
      stage sky[c: camera, e: exposure] {
        out sky[e, c]
      }
      stage all {
        out exposures
      }
    `,
      [],
    );
  });

  it("reports a stage variable the output does not use", () => {
    expectDiagnostics(
      OutputIndexRule,
      DECLS +
        dedent`
      stage n[e: exposure, n: night] {
        out nightly[n]
      }
    `,
      [
        {
          code: "DF3001",
          message: "Stage `n` is indexed by `e` too, but output `nightly` does not use it: several tasks would write the same file.",
          at: "9:7",
          secondary: ["`nightly` declared with axes [night]@7:1"],
        },
      ],
    );
  });

  it("reports attributes, literals and repeated variables in output indices", () => {
    expectDiagnostics(
      OutputIndexRule,
      DECLS +
        dedent`
      stage a[e: exposure] {
        out nightly[e.night]
      }
      stage b[c: camera] {
        out sky[1, c]
      }
      stage d[c: camera] {
        out sky[c, c]
      }
    `,
      [
        {
          code: "DF3001",
          message: "An output index must be one of the stage's variables (`e`), so each task writes exactly its own partition.",
          at: "9:15",
          secondary: ["stage declared here@8:7"],
        },
        { code: "DF3001", message: "An output index must be one of the stage's variables (`c`), so each task writes exactly its own partition.", at: "12:11" },
        { code: "DF3001", message: "Output `sky` uses variable `c` twice, so its index is not one-to-one.", at: "15:14" },
      ],
    );
  });
});
