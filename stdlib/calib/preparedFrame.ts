import type { FiberFlat } from "../datamodel/FiberFlat.js";
import type { Frame } from "../datamodel/Frame.js";
import type { Sky } from "../datamodel/Sky.js";
import { KernelError } from "../kernel.js";

/** desispec specmask bits the calibration sets (desispec maskbits.py; docs/sources.md#fiberflat). */
export const CALIB_MASK = {
  /** Bad fiber flat solution (flat ≤ 0 or no ivar). */
  BADFIBERFLAT: 1 << 4,
  /** Bad sky model (sky ivar 0 where the frame has data). */
  BADSKY: 1 << 6,
  /** No data: the pixel carries no information after calibration. */
  NODATA: 1 << 8,
} as const;

/**
 * One camera of one exposure made ready for the flux calibration: the frame divided by its fiber
 * flat, the sky subtracted, and each fiber's sky throughput correction divided out, in electrons
 * per Å of a nominal fiber. FLUX, IVAR and MASK are [fiber, wave] in fiber order.
 */
export interface PreparedFrame {
  readonly nfiber: number;
  readonly nwave: number;
  readonly wave: Float64Array;
  readonly flux: Float64Array;
  readonly ivar: Float64Array;
  readonly mask: Int32Array;
}

/**
 * Applies the fiber flat and the sky model to a frame as desispec's `apply_fiberflat` and
 * `subtract_sky` do (docs/sources.md#fiberflat, #sky-subtraction):
 *
 * - flux' = flux / F, 1/ivar' = 1/(ivar F²) + flux²/(ivar_F F⁴); F ≤ 0, ivar_F = 0 or a flat MASK
 *   bit sets BADFIBERFLAT and IVAR 0;
 * - flux'' = flux' − SKY, 1/ivar'' = 1/ivar' + 1/ivar_SKY; sky IVAR 0 sets BADSKY and IVAR 0;
 * - then divides flux'' by the fiber's THRPUTCORR (the sky fit's throughput of the fiber relative to
 *   the others, measured on the sky lines; the sky model already carries it) and multiplies IVAR by
 *   its square: this is where a change of a fiber's throughput between the flat and the science
 *   exposure is corrected. A THRPUTCORR that is not positive and finite counts as 1.
 *
 * Every pixel with IVAR 0 gets FLUX 0, so no NaN travels on. `what` names the inputs in messages.
 * With `rows`, only those fibers are prepared: the others keep FLUX 0, IVAR 0 and MASK 0 (the
 * arrays' untouched rows cost no memory), for kernels that read a few fibers (the standards).
 */
export function prepareFrame(frame: Frame, flat: FiberFlat, sky: Sky, what: string, rows?: readonly number[]): PreparedFrame {
  const prep = framePreparer(frame, flat, sky, what);
  const { nfiber, nwave } = prep;
  const flux = new Float64Array(nfiber * nwave);
  const ivar = new Float64Array(nfiber * nwave);
  const mask = new Int32Array(nfiber * nwave);
  for (const f of rows ?? Array.from({ length: nfiber }, (_, f) => f)) if (f >= 0 && f < nfiber) prep.row(f, flux, ivar, mask, f * nwave);
  return { nfiber, nwave, wave: prep.wave, flux, ivar, mask };
}

/** {@link prepareFrame} one fiber at a time, for kernels that consume each prepared row at once. */
export interface FramePreparer {
  readonly nfiber: number;
  readonly nwave: number;
  readonly wave: Float64Array;
  /** Writes fiber `f`'s prepared FLUX, IVAR and MASK at offset `at` of the arrays. */
  row(f: number, flux: Float64Array, ivar: Float64Array, mask: Int32Array, at: number): void;
}

/** Checks that the frame, its fiber flat and its sky agree, and returns the {@link FramePreparer} of {@link prepareFrame}. */
export function framePreparer(frame: Frame, flat: FiberFlat, sky: Sky, what: string): FramePreparer {
  const [nfiber = 0, nwave = 0] = frame.FLUX.shape;
  const same = (shape: readonly number[], name: string): void => {
    if (shape[0] !== nfiber || shape[1] !== nwave) throw new KernelError(`${what}: the frame has ${nfiber}×${nwave} pixels but the ${name} ${shape.join("×")}`);
  };
  same(flat.FIBERFLAT.shape, "fiber flat");
  same(sky.SKY.shape, "sky");
  const wave = Float64Array.from(frame.WAVELENGTH.data);
  for (const [other, name] of [
    [flat.WAVELENGTH.data, "fiber flat"],
    [sky.WAVELENGTH.data, "sky"],
  ] as const) {
    if (Math.abs((other[0] ?? 0) - (wave[0] ?? 0)) > 0.01 || Math.abs((other[nwave - 1] ?? 0) - (wave[nwave - 1] ?? 0)) > 0.01)
      throw new KernelError(`${what}: the ${name}'s wavelengths (${other[0]}–${other[nwave - 1]} Å) are not the frame's (${wave[0]}–${wave[nwave - 1]} Å)`);
  }
  const tp = sky.THRPUTCORR.data;
  const fFlux = frame.FLUX.data;
  const fIvar = frame.IVAR.data;
  const fMask = frame.MASK.data;
  const flat1 = flat.FIBERFLAT.data;
  const flatIvar = flat.IVAR.data;
  const flatMask = flat.MASK.data;
  const skyFlux = sky.SKY.data;
  const skyIvar = sky.IVAR.data;
  const skyMask = sky.MASK.data;
  const { BADFIBERFLAT, BADSKY } = CALIB_MASK;
  const row = (f: number, flux: Float64Array, ivar: Float64Array, mask: Int32Array, at: number): void => {
    const t = tp[f];
    const corr = t !== undefined && t > 0 && Number.isFinite(t) ? t : 1;
    const corr2 = corr * corr;
    for (let i = 0, k = f * nwave; i < nwave; i++, k++) {
      const F = flat1[k]!;
      const iF = flatIvar[k]!;
      const iS = skyIvar[k]!;
      let m = fMask[k]! | skyMask[k]!;
      if (!(F > 0) || !(iF > 0) || flatMask[k] !== 0) m |= BADFIBERFLAT;
      if (!(iS > 0)) m |= BADSKY;
      mask[at + i] = m;
      const iD = fIvar[k]!;
      const d = fFlux[k]!;
      if (m !== 0 || !(iD > 0) || !Number.isFinite(d)) {
        flux[at + i] = 0;
        ivar[at + i] = 0;
        continue;
      }
      const v = 1 / (iD * F * F) + (d * d) / (iF * F * F * F * F) + 1 / iS;
      flux[at + i] = (d / F - skyFlux[k]!) / corr;
      ivar[at + i] = corr2 / v;
    }
  };
  return { nfiber, nwave, wave, row };
}
