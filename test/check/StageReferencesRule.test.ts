import { describe, it } from "vitest";
import { StageReferencesRule } from "../../src/check/rules/StageReferencesRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

const GRIDS = dedent`
  pipeline p
  param nmin: int = 1
  grid night = exposures.NIGHT
  grid camera = {b, r}
  grid petal = 0..9
  grid healpix = 0..49151
  grid exposure = exposures.EXPID key { night = NIGHT, flavor = FLAVOR }
  relation observes(h: healpix) -> (e: exposure, p: petal) = obs { h = HEALPIX, e = EXPID, p = PETAL }
  product exposures : ExposureList at "exposures.ecsv"
  product obs : Obs at "obs.ecsv"
  product frame[exposure, camera, petal] : Frame at "f/{exposure}/{camera}{petal}.fits"
  product fiberflat[night, camera, petal] : FiberFlat at "ff/{night}/{camera}{petal}.fits"
  product spectra[healpix] : Spectra at "s/{healpix}.fits"
`;

describe("StageReferencesRule", () => {
  it("accepts variables, attributes holding grid keys, literals, params and relations", () => {
    expectDiagnostics(
      StageReferencesRule,
      GRIDS +
        dedent`
      stage fiberflat[n: night, c: camera, p: petal] {
        in flats: frame[e, c, p] for e in exposure where e.night == n and e.flavor == "flat"
        out fiberflat[n, c, p]
      }
      stage sky[e: exposure, c: camera, p: petal] where e.flavor == "science" and nmin > 0 {
        in frame[e, c, p]
        in fiberflat[e.night, c, p]
        in frame[e, c, 0]
      }
      stage group[h: healpix] {
        in frame[e, c, p] for (e, p) in observes(h), c in camera
        out spectra[h]
      }
    `,
      [],
    );
  });

  it("reports an unknown variable with suggestions and an unknown attribute with the grid's attributes", () => {
    expectDiagnostics(
      StageReferencesRule,
      GRIDS +
        dedent`
      stage sky[e: exposure, c: camera, p: petal] where e.flavr == "science" {
        in frame[e, c, q]
        in fiberflat[e.nite, c, p]
      }
    `,
      [
        { code: "DF2003", message: "Grid `exposure` has no attribute `flavr`.", at: "14:53", secondary: ["declared here with `night`, `flavor`@7:1"] },
        { code: "DF2002", message: "`q` is not a variable of this stage or a param.", at: "15:18" },
        { code: "DF2003", message: "Grid `exposure` has no attribute `nite`.", at: "16:18" },
      ],
    );
  });

  it("reports the wrong number of indices and indices on the wrong grid", () => {
    expectDiagnostics(
      StageReferencesRule,
      GRIDS +
        dedent`
      stage sky[e: exposure, c: camera, p: petal] {
        in frame[e, c]
        in fiberflat[e, c, p]
        in frame[e, c, 1.5]
      }
    `,
      [
        { code: "DF3002", message: "`frame` has 3 axes, but 2 indices are given.", at: "15:6", secondary: ["declared here@11:1"] },
        {
          code: "DF3003",
          message: "Axis 1 of `fiberflat` is on grid `night`, but `e` is a key of `exposure`.",
          at: "16:16",
          secondary: ["axis on `night`@12:19"],
        },
        { code: "DF3003", message: "Axis 3 of `frame` is on grid `petal`, but this index is a float.", at: "17:18" },
      ],
    );
  });

  it("reports a relation applied to the wrong grid or binding the wrong number of variables", () => {
    expectDiagnostics(
      StageReferencesRule,
      GRIDS +
        dedent`
      stage g[n: night] {
        in frame[e, c, p] for (e, p) in observes(n), c in camera
        in frame[e, c, 0] for e in observes(n), c in camera
      }
    `,
      [
        {
          code: "DF3005",
          message: "Relation `observes` maps keys of grid `healpix`, but this is a key of `night`.",
          at: "15:44",
          secondary: ["expects `healpix`@8:19"],
        },
        { code: "DF3005", message: "Relation `observes` maps keys of grid `healpix`, but this is a key of `night`.", at: "16:39" },
        { code: "DF3005", message: "Relation `observes` gives 2 keys per pair, but 1 variable is bound.", at: "16:25" },
      ],
    );
  });
});
