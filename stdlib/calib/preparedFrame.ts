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
 */
export function prepareFrame(frame: Frame, flat: FiberFlat, sky: Sky, what: string): PreparedFrame {
  const [nfiber = 0, nwave = 0] = frame.FLUX.shape;
  const size = nfiber * nwave;
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
  const flux = new Float64Array(size);
  const ivar = new Float64Array(size);
  const mask = new Int32Array(size);
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
  for (let f = 0; f < nfiber; f++) {
    const t = tp[f];
    const corr = t !== undefined && t > 0 && Number.isFinite(t) ? t : 1;
    const corr2 = corr * corr;
    for (let k = f * nwave, end = k + nwave; k < end; k++) {
      const F = flat1[k]!;
      const iF = flatIvar[k]!;
      const iS = skyIvar[k]!;
      let m = fMask[k]! | skyMask[k]!;
      if (!(F > 0) || !(iF > 0) || flatMask[k] !== 0) m |= BADFIBERFLAT;
      if (!(iS > 0)) m |= BADSKY;
      mask[k] = m;
      const iD = fIvar[k]!;
      const d = fFlux[k]!;
      if (m !== 0 || !(iD > 0) || !Number.isFinite(d)) continue;
      const v = 1 / (iD * F * F) + (d * d) / (iF * F * F * F * F) + 1 / iS;
      flux[k] = (d / F - skyFlux[k]!) / corr;
      ivar[k] = corr2 / v;
    }
  }
  return { nfiber, nwave, wave, flux, ivar, mask };
}
