import { describe, it } from "vitest";
import { PathTemplateRule } from "../../src/check/rules/PathTemplateRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

const GRIDS = dedent`
  pipeline p
  param nside: int = 64
  grid exposure = exposures.EXPID { night = NIGHT }
  grid camera = {b, r, z}
  grid petal = 0..9
  grid big = 0..100
  grid healpix = 0..49151
`;

describe("PathTemplateRule", () => {
  it("accepts axes delimited by text, fixed-width fields, attributes, divisors and params", () => {
    expectDiagnostics(
      PathTemplateRule,
      GRIDS +
        dedent`
      product frame[exposure, camera, petal] : Frame at "exposures/{exposure.night}/{exposure:08d}/frame-{camera}{petal}-{exposure:08d}.fits"
      product spectra[healpix] : Spectra at "healpix/{healpix/100}/{healpix}/spectra-{nside}-{healpix}.fits"
      product two[petal, exposure] : X at "x-{petal}{exposure:08d}.fits"
    `,
      [],
    );
  });

  it("reads a field back from the side where its boundary is known (a word key before a number)", () => {
    expectDiagnostics(
      PathTemplateRule,
      GRIDS +
        dedent`
      grid word = t.NAME
      product w[word, petal] : W at "w/{word}-{petal}.json"
    `,
      [],
    );
  });

  it("does not take text that a key could hold for a delimiter", () => {
    expectDiagnostics(
      PathTemplateRule,
      GRIDS +
        dedent`
      product x[big, healpix] : X at "x/{big}1{healpix}.json"
    `,
      [
        { code: "DF3012", message: "The path of `x` does not show axis `big` whole and delimited, so two keys could share a file." },
        { code: "DF3012", message: "The path of `x` does not show axis `healpix` whole and delimited, so two keys could share a file." },
      ],
    );
  });

  it("reports unknown keys and unknown attributes", () => {
    expectDiagnostics(
      PathTemplateRule,
      GRIDS +
        dedent`
      product a[exposure] : A at "a/{exposure.nite}/{expoure}.fits"
    `,
      [
        { code: "DF3010", message: "Grid `exposure` has no attribute `nite` for the path of `a`.", at: "8:41" },
        {
          code: "DF3010",
          message: "`expoure` is not an axis of `a` or a param, so the path cannot use it.",
          at: "8:48",
          secondary: ["`a` has axes [exposure]@8:9"],
        },
      ],
    );
  });

  it("reports paths that can leave the output root", () => {
    expectDiagnostics(
      PathTemplateRule,
      GRIDS +
        dedent`
      product a[petal] : A at "/data/a-{petal}.fits"
      product b[petal] : B at "b/../../{petal}.fits"
    `,
      [
        { code: "DF3011", message: "The path of `a` can leave the output root.", at: "8:25" },
        { code: "DF3011", message: "The path of `b` can leave the output root.", at: "9:25" },
      ],
    );
  });

  it("reports axes missing from the path, only truncated, or not delimited", () => {
    expectDiagnostics(
      PathTemplateRule,
      GRIDS +
        dedent`
      product a[exposure, camera] : A at "a/{exposure}.fits"
      product b[healpix] : B at "b/{healpix/100}.fits"
      product c[big, healpix] : C at "c-{big}{healpix}.fits"
    `,
      [
        {
          code: "DF3012",
          message: "The path of `a` does not use axis `camera`, so all its keys would share a file.",
          at: "8:36",
          secondary: ["axis declared here@8:21"],
        },
        { code: "DF3012", message: "The path of `b` does not show axis `healpix` whole and delimited, so two keys could share a file.", at: "9:27" },
        { code: "DF3012", message: "The path of `c` does not show axis `big` whole and delimited, so two keys could share a file.", at: "10:32" },
        { code: "DF3012", message: "The path of `c` does not show axis `healpix` whole and delimited, so two keys could share a file.", at: "10:32" },
      ],
    );
  });
});
