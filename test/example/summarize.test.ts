import { describe, expect, test } from "vitest";
import { image } from "../../stdlib/datamodel/values.js";
import { summarize, type ExampleSpectra } from "../../stdlib/example/index.js";
import { handle, taskCtx } from "./helpers.js";

/**
 * A spectra file whose rows have a constant S/N per pixel: row i of band b has flux
 * `snr[b][i] · σ` and ivar 1/σ², with σ varying along the row. Empty bands have no wavelengths.
 */
function spectraWithSnr(
  pixel: number,
  objtype: readonly string[],
  expids: readonly number[],
  targets: readonly bigint[],
  snr: { b?: readonly number[]; r?: readonly number[]; z?: readonly number[] },
): ExampleSpectra {
  const n = objtype.length;
  const band = (values: readonly number[] | undefined) => {
    const nw = values === undefined ? 0 : 7;
    const flux = new Float32Array(n * nw);
    const ivar = new Float32Array(n * nw);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < nw; j++) {
        const sigma = 0.5 + j;
        flux[i * nw + j] = (values?.[i] ?? 0) * sigma;
        ivar[i * nw + j] = 1 / sigma ** 2;
      }
    }
    return {
      wave: image(
        Float64Array.from({ length: nw }, (_, j) => 4000 + j),
        [nw],
      ),
      flux: image(flux, [n, nw]),
      ivar: image(ivar, [n, nw]),
    };
  };
  const [b, r, z] = [band(snr.b), band(snr.r), band(snr.z)];
  return {
    header: { HPXPIXEL: pixel, HPXNSIDE: 64, HPXNEST: true },
    FIBERMAP: {
      TARGETID: BigInt64Array.from(targets),
      EXPID: Int32Array.from(expids),
      NIGHT: new Int32Array(n).fill(20210101),
      TILEID: new Int32Array(n),
      FIBER: Int32Array.from({ length: n }, (_, i) => i),
      TARGET_RA: new Float64Array(n),
      TARGET_DEC: new Float64Array(n),
      FIBERSTATUS: new Int32Array(n),
      OBJTYPE: [...objtype],
    },
    B_WAVELENGTH: b.wave,
    B_FLUX: b.flux,
    B_IVAR: b.ivar,
    R_WAVELENGTH: r.wave,
    R_FLUX: r.flux,
    R_IVAR: r.ivar,
    Z_WAVELENGTH: z.wave,
    Z_FLUX: z.flux,
    Z_IVAR: z.ivar,
  };
}

describe("example.summarize", () => {
  test("counts spectra, targets and exposures per pixel and in all, and takes the median S/N of TGT rows", async () => {
    const T = (i: number): bigint => 2n ** 58n + BigInt(i);
    const p7 = spectraWithSnr(7, ["TGT", "TGT", "SKY", "TGT"], [10, 11, 10, 11], [T(1), T(1), T(2), T(3)], { b: [1, 5, 100, 3], r: [2, 2, 100, 4] });
    const p3 = spectraWithSnr(3, ["TGT", "SKY"], [12, 12], [T(3), T(4)], { b: [8, 0], r: [1, 0], z: [6, 0] });
    const { summary } = await summarize({ spectra: [handle(p7), handle(p3)] }, {}, taskCtx(1, "summarize"));
    expect(summary).toEqual({
      nside: 64,
      npixel: 2,
      nspectra: 6,
      ntarget: 4,
      pixels: [
        { pixel: 3, nspectra: 2, ntarget: 2, nexp: 1, medianSnr: { b: 8, r: 1, z: 6 } },
        // The SKY row's S/N of 100 does not count; medians of [1, 5, 3] and [2, 2, 4]; no z band.
        { pixel: 7, nspectra: 4, ntarget: 3, nexp: 2, medianSnr: { b: 3, r: 2, z: null } },
      ],
    });
    for (const p of summary.pixels) for (const v of Object.values(p.medianSnr)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  });

  test("a summary survives JSON: no bigint, no NaN", async () => {
    const empty = spectraWithSnr(1, [], [], [], {});
    const { summary } = await summarize({ spectra: [handle(empty)] }, {}, taskCtx(1, "summarize"));
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(summary.pixels[0]?.medianSnr).toEqual({ b: null, r: null, z: null });
  });
});
