/**
 * NaN and ±Infinity in a spectra file's pixels: the coadd treats such a pixel exactly as a masked
 * pixel with IVAR 0 (same coadd, fibermap and scores as the file with those pixels zeroed by hand),
 * with and without the per-exposure renormalisation, and writes no non-finite number anywhere.
 */
import { describe, expect, test } from "vitest";
import type { Coadd } from "../../stdlib/datamodel/Coadd.js";
import type { Spectra } from "../../stdlib/datamodel/Spectra.js";
import { coaddSpectra } from "../../stdlib/group/coadd.js";
import { NODATA } from "../../stdlib/group/finitePixels.js";
import { makeSpectra } from "./coaddFixtures.js";

type Poison = (s: Spectra, row: (t: number, e: number) => number, nw: number, zeroed: boolean) => void;

/** The non-finite numbers of every image and table column of a coadd, by name. */
function nonFinite(c: Coadd): string[] {
  const bad: string[] = [];
  for (const [hdu, value] of Object.entries(c) as [string, { data?: ArrayLike<unknown> } & Record<string, ArrayLike<unknown>>][]) {
    if (hdu === "header") continue;
    const cols: Record<string, ArrayLike<unknown>> = value.data !== undefined ? { [hdu]: value.data } : value;
    for (const [name, col] of Object.entries(cols)) {
      if (Array.from(col).some((x) => typeof x === "number" && !Number.isFinite(x))) bad.push(`${hdu}.${name}`);
    }
  }
  return bad;
}

/** Sets pixels `i` of row `r` of band b: flux/ivar either poisoned or zeroed (the masked reference). */
function setPixels(s: Spectra, r: number, nw: number, pixels: readonly number[], flux: number, ivar: number | undefined, mask = 0): void {
  for (const i of pixels) {
    s.B_FLUX.data[r * nw + i] = flux;
    if (ivar !== undefined) s.B_IVAR.data[r * nw + i] = ivar;
    s.B_MASK.data[r * nw + i]! |= mask;
  }
}

const first10 = Array.from({ length: 10 }, (_, i) => i);
const cases: Record<string, Poison> = {
  // Exposure 0 of target 0: the whole b camera has IVAR 0 and FLUX NaN.
  "NaN flux where IVAR is 0": (s, row, nw, zeroed) =>
    setPixels(
      s,
      row(0, 0),
      nw,
      Array.from({ length: nw }, (_, i) => i),
      zeroed ? 0 : NaN,
      0,
    ),
  // Exposure 1 of target 0: 10 pixels of IVAR NaN (flux as it was).
  "NaN IVAR in 10 pixels": (s, row, nw, zeroed) => setPixels(s, row(0, 1), nw, first10, zeroed ? 0 : 1, zeroed ? 0 : NaN),
  // Exposure 0 of target 0: 10 masked pixels of FLUX NaN, IVAR kept; Infinity in exposure 2's IVAR.
  "NaN flux in masked pixels, Infinity IVAR": (s, row, nw, zeroed) => {
    setPixels(s, row(0, 0), nw, first10, zeroed ? 0 : NaN, zeroed ? 0 : undefined, 1);
    setPixels(s, row(0, 2), nw, [20], zeroed ? 0 : 5, zeroed ? 0 : Infinity);
  },
};

describe("non-finite pixels in the coadd", () => {
  for (const [name, poison] of Object.entries(cases)) {
    for (const normalize of [true, false]) {
      test(`${name} (${normalize ? "renormalised" : "no_normalize"}): as if masked, nothing non-finite written`, async () => {
        const make = () => makeSpectra({ ntarget: 2, nexp: 3, step: 8, seed: 3 });
        const [bad, ref] = [await make(), await make()];
        const nw = bad.spectra.B_WAVELENGTH.data.length;
        poison(bad.spectra, bad.rowOf, nw, false);
        poison(ref.spectra, ref.rowOf, nw, true);
        const c = coaddSpectra(bad.spectra, 4, { normalize });
        const want = coaddSpectra(ref.spectra, 4, { normalize });
        expect(nonFinite(c)).toEqual([]);
        expect([...c.FIBERMAP.COADD_NUMEXP]).toEqual([3, 3]);
        expect([...c.FIBERMAP.COADD_FIBERSTATUS]).toEqual([0, 0]);
        expect([...c.FIBERMAP.COADD_FIBERSTATUS]).toEqual([...want.FIBERMAP.COADD_FIBERSTATUS]);
        for (const hdu of ["B_FLUX", "B_IVAR", "B_RESOLUTION", "R_FLUX", "Z_IVAR"] as const) {
          expect(Array.from(c[hdu].data)).toEqual(Array.from(want[hdu].data));
        }
        expect(Array.from(c.B_MASK.data).map((m) => m & ~NODATA)).toEqual(Array.from(want.B_MASK.data).map((m) => m & ~NODATA));
        if (normalize) expect(Array.from(c.EXP_FIBERMAP.COADD_NORM as Float32Array)).toEqual(Array.from(want.EXP_FIBERMAP.COADD_NORM as Float32Array));
      });
    }
  }
});
