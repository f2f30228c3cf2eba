import { describe, it } from "vitest";
import { ProducersRule } from "../../src/check/rules/ProducersRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

describe("ProducersRule", () => {
  it("accepts a source with a path and a product with one producer", () => {
    expectDiagnostics(
      ProducersRule,
      dedent`
      pipeline p
      product tiles : TileTable at "tiles.ecsv"
      product zcat : ZCatalog
      stage z {
        in tiles
        out zcat
      }
    `,
      [],
    );
  });

  it("reports a product with two producers, pointing at the first", () => {
    expectDiagnostics(
      ProducersRule,
      dedent`
      pipeline p
      product zcat : ZCatalog at "z.fits"
      stage a { out zcat }
      stage b { out zcat }
    `,
      [{ code: "DF2005", message: "Product `zcat` is produced by two stages, `a` and `b`.", at: "4:15", secondary: ["first produced here@3:15"] }],
    );
  });

  it("reports a product that nothing makes and nothing can find", () => {
    expectDiagnostics(ProducersRule, "pipeline p\nproduct lost : X\n", [
      { code: "DF2004", message: "Product `lost` has no producer and no path: nothing can make it or find it.", at: "2:9" },
    ]);
  });
});
