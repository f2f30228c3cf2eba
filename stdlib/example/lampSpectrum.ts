/** Colour temperature of the continuum lamp, in K. */
const LAMP_TEMPERATURE = 3000;

/** Photons per second per Å the lamp puts into each fiber at 6000 Å. */
const LAMP_RATE_6000 = 2000;

/** hc/k in Å·K (CODATA 2018). */
const HC_OVER_K = 1.438776877e8;

/**
 * The flat-field lamp seen by each fiber, photons per second per Å at each wavelength of `wave`:
 * a 3000 K black body (in photon units, ∝ λ^-4 / (exp(hc/λkT) - 1)) scaled to 2000 at 6000 Å, so
 * a 120 s flat collects about 10^5 electrons per Å in r and a few thousand at 3600 Å.
 */
export function lampSpectrum(wave: Float64Array): Float64Array {
  const photons = (w: number): number => w ** -4 / Math.expm1(HC_OVER_K / (w * LAMP_TEMPERATURE));
  const norm = LAMP_RATE_6000 / photons(6000);
  return Float64Array.from(wave, (w) => norm * photons(w));
}
