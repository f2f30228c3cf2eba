import { beforeAll, describe, it } from "vitest";
import { KernelSignatureRule } from "../../src/check/rules/KernelSignatureRule.js";
import type { KernelIndex } from "../../src/kernels/index.js";
import { expectDiagnostics } from "../helpers/check.js";
import { FIXTURE_IMPORTS, fixtureIndex } from "../helpers/fixtureIndex.js";
import { dedent } from "../helpers/syntax.js";

let index: KernelIndex;
beforeAll(async () => {
  index = await fixtureIndex();
});

const HEAD =
  "pipeline p\n" +
  FIXTURE_IMPORTS +
  dedent`
  param n: int = 3
  grid e = cat.TARGETID
  grid k = {a, b}
  product img[e] : Image2 at "img/{e}.fits"
  product res[e] : Image2 at "res/{e}.fits"
  product co[k] : Image2 at "co/{k}.fits"
  product cat : Catalog at "cat.ecsv"
  product sum : Summary at "sum.json"
`;

describe("KernelSignatureRule", () => {
  it("accepts stages, grid and relation kernels whose signatures match", () => {
    expectDiagnostics(
      KernelSignatureRule,
      HEAD +
        dedent`
      grid pix = kernel fx.pixels(cat, nside = 4)
      relation rel(x: e) -> (y: k) = kernel fx.observes(cat, nside = n)
      stage scale[x: e] {
        in image: img[x]
        out scaled: res[x]
        kernel fx.scale
        param passes = 2
        param offset = 1.5 electron/Angstrom
      }
      stage coadd[y: k] {
        in frames: img[x] for x in e
        out coadd: co[y]
        kernel fx.coadd
        param method = "median"
      }
      stage catalog {
        in frames: img[x] for x in e
        out catalog: cat
        out summary: sum
        kernel fx.catalog
        param night = 20201214
      }
    `,
      [],
      index,
    );
  });

  it("reports a missing kernel with suggestions, and a stage without one", () => {
    expectDiagnostics(
      KernelSignatureRule,
      HEAD +
        dedent`
      stage a[x: e] {
        kernel fx.scal
      }
      stage b { out sum }
    `,
      [
        { code: "DF3020", message: "Module `fx` has no kernel `scal`.", at: "13:10" },
        { code: "DF3020", message: "Stage `b` binds no kernel.", at: "15:7" },
      ],
      index,
    );
  });

  it("reports inputs and outputs that the kernel does not have, and required ones the stage does not give, naming both places", () => {
    expectDiagnostics(
      KernelSignatureRule,
      HEAD +
        dedent`
      stage scale[x: e] {
        in img[x]
        out res[x]
        kernel fx.scale
        param passes = 1
      }
    `,
      [
        { code: "DF3021", message: "Kernel `fx.scale` has no input `img`.", at: "13:6", secondary: ["`fx.scale` declared here@index.ts:11:1"] },
        { code: "DF3021", message: "Stage `scale` does not give kernel input `image`.", at: "15:3" },
        { code: "DF3024", message: "Kernel `fx.scale` returns no output `res`.", at: "14:7" },
        { code: "DF3024", message: "Kernel `fx.scale` returns `scaled`, but stage `scale` declares no such output.", at: "15:3" },
      ],
      index,
    );
  });

  it("reports a gather where the kernel takes one product, and one product where it takes a gather", () => {
    expectDiagnostics(
      KernelSignatureRule,
      HEAD +
        dedent`
      stage scale[y: k] {
        in image: img[x] for x in e
        out scaled: co[y]
        kernel fx.scale
        param passes = 1
      }
      stage coadd[x: e] {
        in frames: img[x]
        out coadd: res[x]
        kernel fx.coadd
      }
    `,
      [
        { code: "DF3023", message: "Input `image` is a gather, but kernel `fx.scale` takes one `Handle<Image2>`.", at: "13:6" },
        { code: "DF3023", message: "Kernel `fx.coadd` takes input `frames` as a collection of `Image2`, but the stage gives one product.", at: "19:6" },
      ],
      index,
    );
  });

  it("reports a product type that disagrees with the kernel's", () => {
    expectDiagnostics(
      KernelSignatureRule,
      HEAD +
        dedent`
      product wrong[e] : Catalog at "w/{e}.ecsv"
      stage scale[x: e] {
        in image: wrong[x]
        out scaled: res[x]
        kernel fx.scale
        param passes = 1
      }
    `,
      [
        {
          code: "DF3022",
          message: "Kernel `fx.scale` reads `image` as `Image2`, but product `wrong` is a `Catalog`: `Catalog` is stored as ECSV, `Image2` as FITS.",
          at: "14:6",
        },
      ],
      index,
    );
  });

  it("reports unknown, missing and mistyped parameters, and units of the wrong dimension", () => {
    expectDiagnostics(
      KernelSignatureRule,
      HEAD +
        dedent`
      stage scale[x: e] {
        in image: img[x]
        out scaled: res[x]
        kernel fx.scale
        param factr = 2
        param offset = 3 s
      }
      stage coadd[y: k] {
        in frames: img[x] for x in e
        out coadd: co[y]
        kernel fx.coadd
        param method = "mode"
        param minCount = 1.5
      }
    `,
      [
        { code: "DF3025", message: "Kernel `fx.scale` has no parameter `factr`.", at: "16:9" },
        { code: "DF3040", message: "Parameter `offset` of `fx.scale` is in `electron/Angstrom`, which `s` cannot be converted to.", at: "17:18" },
        { code: "DF3025", message: "Kernel `fx.scale` needs parameter `passes` (int), which is not given.", at: "15:3" },
        { code: "DF3025", message: 'Parameter `method` of `fx.coadd` is one of "mean" | "median", not "mode".', at: "23:18" },
        { code: "DF3025", message: "Parameter `minCount` of `fx.coadd` is an int, but this value is a float.", at: "24:20" },
      ],
      index,
    );
  });

  it("reports a function that is not a kernel, and a kernel of the wrong kind", () => {
    expectDiagnostics(
      KernelSignatureRule,
      HEAD +
        dedent`
      grid g = kernel fx.scale(img)
      stage b[x: e] {
        kernel fx.broken
      }
    `,
      [
        { code: "DF3026", message: "`fx.broken` is not a kernel: its first parameter `count` is `number`, not an object of inputs", at: "14:10" },
        { code: "DF3026", message: "`fx.scale` is a stage kernel (it returns outputs), but grid `g` needs a grid kernel.", at: "12:17" },
      ],
      index,
    );
  });
});
