import { interpolate } from "./interpolate.js";

/**
 * Smooth part of the Kitt Peak zenith extinction, mag per airmass: the continuum points of
 * specsim's KPNO curve (`data/test/test_extinction.ecsv`, docs/sources.md#extinction), i.e. Rayleigh, aerosol
 * and ozone, without the telluric bands.
 */
const CONTINUUM_WAVE = [3516, 3744, 4004, 4264, 4524, 4784, 5044, 5564, 6084, 6604, 7124, 7904, 8684, 9724];
const CONTINUUM_K = [0.59, 0.46, 0.36, 0.29, 0.24, 0.2, 0.18, 0.15, 0.13, 0.09, 0.07, 0.055, 0.045, 0.04];

/**
 * Telluric absorption bands (vacuum Å) as raised-cosine bumps in k: centre, full width, peak
 * extra k. O₂ B at 6870 Å and A at 7600 Å, H₂O at 7200, 8100–8300 and 9300–9800 Å (docs/sources.md#extinction);
 * the A band and the 9400 Å water band reach the curve's tabulated 0.42 and 0.29 mag/airmass.
 */
const BANDS: readonly (readonly [number, number, number])[] = [
  [6887, 50, 0.12],
  [7255, 150, 0.04],
  [7640, 90, 0.36],
  [8200, 220, 0.05],
  [9450, 500, 0.24],
];

/**
 * Zenith extinction coefficient at Kitt Peak, mag per airmass, at vacuum wavelength `wave` Å:
 * the smooth continuum plus the telluric bands (docs/sources.md#extinction, from specsim's KPNO curve).
 */
export function extinction(wave: number): number {
  let k = interpolate(CONTINUUM_WAVE, CONTINUUM_K, wave);
  for (const [centre, width, peak] of BANDS) {
    const x = (wave - centre) / width;
    if (Math.abs(x) < 0.5) k += peak * 0.5 * (1 + Math.cos(2 * Math.PI * x));
  }
  return k;
}

/** Fraction of light transmitted at `wave` Å through `airmass` airmasses: 10^(−0.4 k(λ) X). */
export function atmosphericTransmission(wave: number, airmass: number): number {
  return 10 ** (-0.4 * extinction(wave) * airmass);
}

/** Airmass at zenith angle `zenithDeg` degrees: X = (1 − 0.96 sin²ζ)^−½ (Krisciunas & Schaefer 1991, eq. 3; specsim). */
export function airmassAt(zenithDeg: number): number {
  const s = Math.sin((zenithDeg * Math.PI) / 180);
  return 1 / Math.sqrt(1 - 0.96 * s * s);
}

/** The zenith angle in degrees at which {@link airmassAt} gives `airmass` (≥ 1). */
export function zenithAngleOf(airmass: number): number {
  const x = Math.max(1, airmass);
  const s2 = Math.min(1, (1 - 1 / (x * x)) / 0.96);
  return (Math.asin(Math.sqrt(s2)) * 180) / Math.PI;
}
