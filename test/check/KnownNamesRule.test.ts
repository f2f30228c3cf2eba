import { describe, it } from "vitest";
import { KnownNamesRule } from "../../src/check/rules/KnownNamesRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

describe("KnownNamesRule", () => {
  it("accepts references to declared grids, products, relations, params and modules", () => {
    expectDiagnostics(
      KnownNamesRule,
      dedent`
      pipeline p
      import stdlib.calib
      param n: int = 2
      profile mini { n = 1 }
      grid tile = tiles.TILEID
      grid healpix = kernel calib.pixels(tiles, nside = n)
      relation covers(t: tile) -> (h: healpix) = tilepix { t = TILEID, h = HEALPIX }
      product tiles : TileTable at "tiles.ecsv"
      product tilepix : TilePix at "tilepix.ecsv"
      product t[healpix] : T at "t-{healpix}.fits"
      product f[tile] : F at "f-{tile}.fits"
      stage s[x: tile] {
        in t[h] for h in covers(x)
        out f[x]
        kernel calib.assign
      }
    `,
      [],
    );
  });

  it("reports an unknown grid in a product's axes with suggestions", () => {
    expectDiagnostics(KnownNamesRule, 'pipeline p\ngrid camera = {b}\nproduct a[camrea] : A at "a-{camrea}"\n', [
      { code: "DF2002", message: "There is no grid named `camrea` to be an axis of `a`.", at: "3:11" },
    ]);
  });

  it("reports unknown products, relations, gather grids and profile params", () => {
    expectDiagnostics(
      KnownNamesRule,
      dedent`
      pipeline p
      param seed: int = 1
      profile mini { sede = 2 }
      grid g = {a}
      stage s[x: g] {
        in frme[x]
        in y[z] for z in g2
        in w[z] for z in rel(x)
      }
    `,
      [
        { code: "DF2002", message: "There is no param named `sede` to set in this profile.", at: "3:16" },
        { code: "DF2002", message: "There is no product named `frme`.", at: "6:6" },
        { code: "DF2002", message: "There is no product named `y`.", at: "7:6" },
        { code: "DF2002", message: "There is no grid named `g2` to gather over.", at: "7:20" },
        { code: "DF2002", message: "There is no product named `w`.", at: "8:6" },
        { code: "DF2002", message: "There is no relation named `rel`.", at: "8:20" },
      ],
    );
  });

  it("reports a kernel whose module is not imported, and one without a module", () => {
    expectDiagnostics(
      KnownNamesRule,
      dedent`
      pipeline p
      import stdlib.calib
      stage a { kernel clib.sky }
      stage b { kernel sky }
    `,
      [
        { code: "DF2002", message: "No module is imported as `clib`.", at: "3:18" },
        { code: "DF2002", message: "Kernel `sky` must be named with its module: `module.sky`.", at: "4:18" },
      ],
    );
  });
});
