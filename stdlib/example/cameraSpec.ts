/**
 * The three cameras of the example spectrograph (DESI's b, r and z arms, docs/sources.md#spectrographs): their
 * reduction wavelength grids, the range where they have throughput, peak throughput and read
 * noise.
 */

/** A band of the spectrograph. */
export type Band = "b" | "r" | "z";

/** The bands in wavelength order. */
export const BANDS: readonly Band[] = ["b", "r", "z"];

/** What the kernels need to know about one camera. */
export interface CameraSpec {
  readonly band: Band;
  /** First and last wavelength of the 0.8 Å reduction grid (docs/sources.md#wavelength-grids). */
  readonly firstWave: number;
  readonly lastWave: number;
  /** Where the throughput is non-zero (specsim desi.yaml, worst fiber; docs/sources.md#wavelength-grids). */
  readonly minWave: number;
  readonly maxWave: number;
  /** Peak end-to-end throughput without atmosphere and fiber loss (model values, docs/sources.md#throughput). */
  readonly peak: number;
  /** Read noise per CCD pixel in electrons (specsim desi.yaml; docs/sources.md#spectrographs). */
  readonly readNoise: number;
}

const SPECS: Readonly<Record<Band, CameraSpec>> = {
  b: { band: "b", firstWave: 3600, lastWave: 5800, minWave: 3533, maxWave: 5998, peak: 0.35, readNoise: 3.29 },
  r: { band: "r", firstWave: 5760, lastWave: 7620, minWave: 5564, maxWave: 7805, peak: 0.45, readNoise: 2.69 },
  z: { band: "z", firstWave: 7520, lastWave: 9824, minWave: 7360, maxWave: 9913, peak: 0.45, readNoise: 2.69 },
};

/**
 * The spec of a camera named `b`, `r` or `z`, optionally followed by a spectrograph number
 * (`b3`). Throws a RangeError for any other name.
 */
export function cameraSpec(camera: string): CameraSpec {
  const band = camera.charAt(0);
  if ((band === "b" || band === "r" || band === "z") && /^[brz]\d?$/.test(camera)) return SPECS[band];
  throw new RangeError(`camera \`${camera}\` is not b, r or z`);
}
