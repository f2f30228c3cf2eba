import { AB_ZERO_POINT_ERG_PER_S_CM2_HZ, FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM, SPEED_OF_LIGHT_ANGSTROM_PER_S } from "../constants/index.js";
import { filterCurve, filterResponse } from "./filterCurve.js";

/**
 * Synthetic AB magnitude of a spectrum through a filter, photon-weighted as in Fukugita et al.
 * (1996) and speclite:
 *
 *   m = −2.5 log10( ∫ f_ν T dν/ν / ∫ 3631 Jy · T dν/ν ),
 *
 * evaluated in wavelength, where dν/ν = dλ/λ and f_ν = f_λ λ²/c turn both integrals into
 * ∫ f_λ T λ dλ over ∫ f_λ^AB T λ dλ with f_λ^AB = 3631 Jy · c/λ². `flux` is in
 * 1e-17 erg/(s cm² Å) at the increasing vacuum wavelengths `obsWave` (Å); both integrals are
 * trapezoids on that grid, with the response interpolated at each sample, so a flat f_ν
 * spectrum gives its magnitude exactly. The grid must cover the filter's main band
 * (`filterCurve(filter).band`); leaks outside the grid are left out of both integrals.
 * Returns +Infinity for a spectrum with no positive flux in the band.
 */
export function abMagnitude(obsWave: Float64Array, flux: ArrayLike<number>, filter: string): number {
  const curve = filterCurve(filter);
  const n = obsWave.length;
  if (flux.length !== n) throw new RangeError(`abMagnitude: ${n} wavelengths but ${flux.length} fluxes`);
  const [blue, red] = curve.band;
  if (n < 2 || (obsWave[0] as number) > blue || (obsWave[n - 1] as number) < red) {
    throw new RangeError(
      `abMagnitude: the spectrum (${n > 0 ? `${obsWave[0]}–${obsWave[n - 1]}` : "empty"} Å) does not cover the main band of \`${curve.name}\` (${blue}–${red} Å)`,
    );
  }
  const abFlam = (AB_ZERO_POINT_ERG_PER_S_CM2_HZ * SPEED_OF_LIGHT_ANGSTROM_PER_S) / FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM; // f_λ^AB · λ², in flux units · Å²
  let num = 0;
  let den = 0;
  let prevW = 0;
  let prevN = 0;
  let prevD = 0;
  for (let i = 0; i < n; i++) {
    const w = obsWave[i] as number;
    const t = filterResponse(curve, w);
    const yn = (flux[i] as number) * t * w;
    const yd = (abFlam * t) / w;
    if (i > 0) {
      const dw = w - prevW;
      num += 0.5 * dw * (yn + prevN);
      den += 0.5 * dw * (yd + prevD);
    }
    prevW = w;
    prevN = yn;
    prevD = yd;
  }
  return num > 0 ? -2.5 * Math.log10(num / den) : Number.POSITIVE_INFINITY;
}
