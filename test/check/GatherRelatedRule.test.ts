import { describe, it } from "vitest";
import { GatherRelatedRule } from "../../src/check/rules/GatherRelatedRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

const DECLS = dedent`
  pipeline p
  grid exposure = exposures.EXPID { night = NIGHT }
  grid night = exposures.NIGHT
  grid camera = {b, r}
  grid healpix = 0..9
  relation covers(n: night) -> (h: healpix) = cov { n = NIGHT, h = HEALPIX }
  product exposures : ExposureList at "e.ecsv"
  product cov : C at "c.ecsv"
  product frame[exposure, camera] : Frame at "f/{exposure}-{camera}.fits"
  product t[healpix] : T at "t/{healpix}.fits"
`;

describe("GatherRelatedRule", () => {
  it("accepts gathers filtered by, indexed by, or related through a stage variable, and any gather of a one-task stage", () => {
    expectDiagnostics(
      GatherRelatedRule,
      DECLS +
        dedent`
      stage a[n: night] {
        in frame[e, c] for e in exposure, c in camera where e.night == n
        in t[h] for h in covers(n)
      }
      stage b[c: camera] {
        in frame[e, c] for e in exposure
      }
      stage all {
        in frame[e, c] for e in exposure, c in camera
      }
    `,
      [],
    );
  });

  it("reports a gather that mentions no stage variable", () => {
    expectDiagnostics(
      GatherRelatedRule,
      DECLS +
        dedent`
      stage a[n: night] {
        in frame[e, c] for e in exposure, c in camera where e.night > 20200101
      }
    `,
      [
        {
          code: "DF2009",
          message: "This gather is not related to the variables of stage `a`: every task would read all of it.",
          at: "12:18",
          secondary: ["stage variables declared here@11:9"],
        },
      ],
    );
  });
});
