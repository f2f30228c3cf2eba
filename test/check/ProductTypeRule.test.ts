import { beforeAll, describe, it } from "vitest";
import { ProductTypeRule } from "../../src/check/rules/ProductTypeRule.js";
import type { KernelIndex } from "../../src/kernels/index.js";
import { expectDiagnostics } from "../helpers/check.js";
import { FIXTURE_IMPORTS, fixtureIndex } from "../helpers/fixtureIndex.js";
import { dedent } from "../helpers/syntax.js";

let index: KernelIndex;
beforeAll(async () => {
  index = await fixtureIndex();
});

describe("ProductTypeRule", () => {
  it("accepts known types and columns of ECSV products and of FITS table HDUs", () => {
    expectDiagnostics(
      ProductTypeRule,
      "pipeline p\n" +
        FIXTURE_IMPORTS +
        dedent`
      grid t = cat.TARGETID key { ra = RA }
      grid fiber = img.FIBER
      relation r(a: t) -> (b: fiber) = cat { a = TARGETID, b = TARGETID }
      product cat : Catalog at "cat.ecsv"
      product img : Image2 at "img.fits"
      product frames : Frame at "frame.fits"
    `,
      [],
      index,
    );
  });

  it("reports an unknown type with suggestions", () => {
    expectDiagnostics(
      ProductTypeRule,
      "pipeline p\n" + FIXTURE_IMPORTS + 'product cat : Catalg at "cat.ecsv"\n',
      [{ code: "DF3030", message: "There is no product type named `Catalg`.", at: "4:15" }],
      index,
    );
  });

  it("reports a column the product's type does not have, pointing at the type's definition", () => {
    expectDiagnostics(
      ProductTypeRule,
      "pipeline p\n" +
        FIXTURE_IMPORTS +
        dedent`
      grid t = cat.TARGETIDS key { ra = RAA }
      product cat : Catalog at "cat.ecsv"
    `,
      [
        {
          code: "DF3031",
          message: "Product `cat` (type `Catalog`) has no column `TARGETIDS` for grid `t`.",
          at: "4:14",
          secondary: ["`Catalog` is defined here@more.ts:9:1"],
        },
        { code: "DF3031", message: "Product `cat` (type `Catalog`) has no column `RAA` for attribute `ra`.", at: "4:35" },
      ],
      index,
    );
  });
});
