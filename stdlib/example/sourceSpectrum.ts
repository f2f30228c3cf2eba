import { gaussianFraction } from "../math/index.js";
import { REST } from "../templates/index.js";
import type { TargetTruth } from "./TargetTruth.js";

/** Rest-frame vacuum wavelength of the [OII] 3727,3729 doublet, the mean of its two lines, in Å. */
export const OII_REST = (REST.OII_3727 + REST.OII_3729) / 2;

/** Observed Gaussian width of the emission line, in Å (intrinsic width and resolution). */
const LINE_SIGMA = 1.5;

/**
 * The flux density of a target above the atmosphere averaged over each pixel of width `dw` Å
 * centred on `wave`, in 10^-17 erg/(s cm² Å): `continuum · (λ/6000)^slope` plus the line's flux
 * spread over a Gaussian at `OII_REST · (1 + redshift)`. All zeros for a SKY fiber.
 */
export function sourceSpectrum(target: TargetTruth, wave: Float64Array, dw: number): Float64Array {
  const out = new Float64Array(wave.length);
  if (target.objtype === "SKY") return out;
  const mu = OII_REST * (1 + target.redshift);
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i] ?? 0;
    let f = target.continuum * (w / 6000) ** target.slope;
    if (Math.abs(mu - w) <= dw / 2 + 8 * LINE_SIGMA) f += (target.lineFlux * gaussianFraction(w - dw / 2, w + dw / 2, mu, LINE_SIGMA)) / dw;
    out[i] = f;
  }
  return out;
}
