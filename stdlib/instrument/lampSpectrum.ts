/** Colour temperature of the flat-field continuum lamp, K. */
const LAMP_TEMPERATURE = 3000;

/** Equivalent flux density of the lamp at 6000 Å, 10^-17 erg/(s cm² Å). */
const LAMP_FLUX_6000 = 20000;

/** hc/k in Å·K (CODATA 2018). */
const HC_OVER_K = 1.438776877e8;

/**
 * The flat-field lamp as the flux density that would give the same photons through the telescope's
 * collecting area, 10^-17 erg/(s cm² Å): a 3000 K black body in f_λ scaled to 20000 at 6000 Å.
 * Through the arm throughputs a 120 s flat collects about 2·10^5 electrons per 0.8 Å pixel at
 * 6000 Å and about 2000 at 3600 Å: S/N ≈ 200 per pixel over most of each arm (desi.md §9).
 */
export function lampSpectrum(wave: ArrayLike<number>): Float64Array {
  const planck = (w: number): number => w ** -5 / Math.expm1(HC_OVER_K / (w * LAMP_TEMPERATURE));
  const norm = LAMP_FLUX_6000 / planck(6000);
  const out = new Float64Array(wave.length);
  for (let i = 0; i < wave.length; i++) out[i] = norm * planck(wave[i]!);
  return out;
}
