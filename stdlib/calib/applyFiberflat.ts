import { SPECMASK } from "../instrument/index.js";

/** A frame's FLUX, IVAR and MASK `[fiber, wave]` as calibration carries them. */
export interface Spectra {
  readonly flux: Float64Array;
  readonly ivar: Float64Array;
  readonly mask: Int32Array;
}

/**
 * Divides a frame by its fiber flat (desispec `apply_fiberflat`, docs/sources.md#fiberflat):
 * flux / F where F > 0, its IVAR 1/ivar' = 1/(ivar F²) + flux²/(ivar_F F⁴); a pixel whose flat is
 * not positive, has IVAR 0 or a MASK bit gets IVAR 0 and MASK BADFIBERFLAT (flux left as is).
 * Arrays are `[fiber, wave]` of the same shape; the inputs are not modified.
 */
export function applyFiberflat(
  flux: ArrayLike<number>,
  ivar: ArrayLike<number>,
  mask: ArrayLike<number>,
  flat: ArrayLike<number>,
  flatIvar: ArrayLike<number>,
  flatMask: ArrayLike<number>,
): Spectra {
  const n = flux.length;
  const out = { flux: new Float64Array(n), ivar: new Float64Array(n), mask: Int32Array.from(mask) };
  for (let k = 0; k < n; k++) {
    const f = flat[k]!;
    const fv = flatIvar[k]!;
    const v = flux[k]!;
    if (!(f > 0) || !(fv > 0) || flatMask[k] !== 0) {
      out.flux[k] = Number.isFinite(v) ? v : 0;
      out.mask[k]! |= SPECMASK.BADFIBERFLAT;
      continue;
    }
    out.flux[k] = v / f;
    const iv = ivar[k]!;
    out.ivar[k] = iv > 0 ? 1 / (1 / (iv * f * f) + (v * v) / (fv * f * f * f * f)) : 0;
  }
  return out;
}

/**
 * Subtracts a sky model (desispec `subtract_sky`, docs/sources.md#sky-subtraction): flux − sky,
 * IVAR 1/ivar' = 1/ivar + 1/ivar_sky (0 where either is 0), MASK ORed. The inputs are not modified.
 */
export function subtractSky(frame: Spectra, sky: ArrayLike<number>, skyIvar: ArrayLike<number>, skyMask: ArrayLike<number>): Spectra {
  const n = frame.flux.length;
  const out = { flux: new Float64Array(n), ivar: new Float64Array(n), mask: new Int32Array(n) };
  for (let k = 0; k < n; k++) {
    out.flux[k] = frame.flux[k]! - sky[k]!;
    const a = frame.ivar[k]!;
    const b = skyIvar[k]!;
    out.ivar[k] = a > 0 && b > 0 ? 1 / (1 / a + 1 / b) : 0;
    out.mask[k] = frame.mask[k]! | skyMask[k]!;
  }
  return out;
}
