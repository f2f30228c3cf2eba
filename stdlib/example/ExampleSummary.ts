/**
 * What the example pipeline produced: per healpix pixel, how many spectra, targets and
 * exposures its spectra file holds and the median S/N of its targets per band; totals over
 * all pixels.
 *
 * @format json
 */
export interface ExampleSummary {
  /** The healpix nside of the pixels (nested numbering). */
  readonly nside: number;
  /** Number of pixels summarised. */
  readonly npixel: number;
  /** Spectra over all pixels (a target on one exposure is one spectrum). */
  readonly nspectra: number;
  /** Distinct targets (TGT and SKY fibers) over all pixels. */
  readonly ntarget: number;
  /** One entry per pixel, in increasing pixel order. */
  readonly pixels: readonly ExamplePixelSummary[];
}

/** The summary of one pixel's spectra file (a member of {@link ExampleSummary}). */
export interface ExamplePixelSummary {
  /** Nested healpix pixel. */
  readonly pixel: number;
  /** Rows of the spectra file. */
  readonly nspectra: number;
  /** Distinct TARGETIDs. */
  readonly ntarget: number;
  /** Distinct exposures. */
  readonly nexp: number;
  /**
   * Per band, the median over the pixel's TGT spectra of each spectrum's median S/N per pixel
   * (FLUX·sqrt(IVAR) over pixels with IVAR > 0); null when the band has none.
   */
  readonly medianSnr: ExampleBandValues;
}

/** One number per band of the example spectrograph; null where there is no data. */
export interface ExampleBandValues {
  /** The b band. */
  readonly b: number | null;
  /** The r band. */
  readonly r: number | null;
  /** The z band. */
  readonly z: number | null;
}
