/**
 * The three arms of a DESI spectrograph (docs/sources.md#spectrographs, #wavelength-grids, #throughput): reduction grids,
 * the range with throughput, peak throughput, read noise and nominal line-spread width.
 */

/** A spectrograph arm. */
export type Band = "b" | "r" | "z";

/** The arms in wavelength order. */
export const BANDS: readonly Band[] = ["b", "r", "z"];

/** What the simulation needs to know about one arm. */
export interface CameraSpec {
  readonly band: Band;
  /** First and last wavelength of the 0.8 Å reduction grid, Å (desispec scripts/proc.py; docs/sources.md#wavelength-grids). */
  readonly firstWave: number;
  readonly lastWave: number;
  /** Number of 0.8 Å pixels: 2751, 2326, 2881. */
  readonly nwave: number;
  /** Where the throughput is non-zero, Å (specsim desi.yaml, worst fiber; docs/sources.md#wavelength-grids). */
  readonly minWave: number;
  readonly maxWave: number;
  /** Peak end-to-end throughput without atmosphere and fiber loss (model values, docs/sources.md#throughput). */
  readonly peak: number;
  /** Read noise per CCD pixel, electrons (specsim data/config/desi.yaml; docs/sources.md#spectrographs). */
  readonly readNoise: number;
  /** Wavelength span of one CCD row, Å: the CCD's active range over 4096 rows (docs/sources.md#wavelength-grids). */
  readonly angstromPerRow: number;
  /** Nominal Gaussian σ of the line-spread function in 0.8 Å pixels (docs/sources.md#resolution). */
  readonly sigmaPixels: number;
}

/**
 * CCD pixels across a trace that an extracted pixel's read noise comes from. With the CCD rows
 * per 0.8 Å pixel this gives an effective read noise of about 6 e⁻ per output pixel in r, as
 * docs/sources.md#spectrographs derives.
 */
export const TRACE_WIDTH_PIXELS = 3.2;

// prettier-ignore
const SPECS: Readonly<Record<Band, CameraSpec>> = {
  b: { band: "b", firstWave: 3600, lastWave: 5800, nwave: 2751, minWave: 3533, maxWave: 5998, peak: 0.35, readNoise: 3.29, angstromPerRow: (5949 - 3569) / 4096, sigmaPixels: 0.95 },
  r: { band: "r", firstWave: 5760, lastWave: 7620, nwave: 2326, minWave: 5564, maxWave: 7805, peak: 0.45, readNoise: 2.69, angstromPerRow: (7741 - 5625) / 4096, sigmaPixels: 0.95 },
  z: { band: "z", firstWave: 7520, lastWave: 9824, nwave: 2881, minWave: 7360, maxWave: 9913, peak: 0.45, readNoise: 2.69, angstromPerRow: (9834 - 7435) / 4096, sigmaPixels: 1.05 },
};

/**
 * The spec of an arm, from a band letter or a camera name such as `b3`. Throws a RangeError for
 * any other name.
 */
export function cameraSpec(camera: string): CameraSpec {
  const band = camera.charAt(0);
  if ((band === "b" || band === "r" || band === "z") && /^[brz]\d?$/.test(camera)) return SPECS[band];
  throw new RangeError(`camera \`${camera}\` is not b, r or z (optionally followed by a spectrograph digit)`);
}

/**
 * Effective read noise of one extracted 0.8 Å pixel, electrons: the per-CCD-pixel read noise
 * times √(CCD rows per 0.8 Å × trace width) (specsim camera.py's N_eff_pixels; docs/sources.md#spectrographs):
 * 6.9 e⁻ in b, 6.0 in r, 5.6 in z.
 */
export function effectiveReadNoise(camera: string): number {
  const s = cameraSpec(camera);
  return s.readNoise * Math.sqrt((0.8 / s.angstromPerRow) * TRACE_WIDTH_PIXELS);
}
