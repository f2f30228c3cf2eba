/**
 * Per-fiber quality scores of one calibrated camera (the cframe's SCORES): the S/N per band that
 * the 2 % sprint asked to carry forward to the redshift files, and the template S/N² (TSNR2,
 * docs/sources.md#efftime) of each tracer. Rows are in FIBER order.
 *
 * DESI suffixes these names with the camera's band (MEDIAN_CALIB_SNR_B in a b cframe); a type
 * cannot name a column after a header value, so a cframe keeps band-less names and regrouping into
 * spectra adds the suffix of the frame's CAMERA.
 *
 * @table
 */
export interface CFrameScoresTable {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Median signal-to-noise per pixel of the calibrated flux in this camera.
   * @column MEDIAN_CALIB_SNR f64
   */
  readonly MEDIAN_CALIB_SNR: Float64Array;
  /**
   * Template (S/N)^2 of the ELG tracer in this camera.
   * @column TSNR2_ELG f64
   */
  readonly TSNR2_ELG: Float64Array;
  /**
   * Template (S/N)^2 of the LRG tracer in this camera.
   * @column TSNR2_LRG f64
   */
  readonly TSNR2_LRG: Float64Array;
  /**
   * Template (S/N)^2 of the QSO tracer in this camera.
   * @column TSNR2_QSO f64
   */
  readonly TSNR2_QSO: Float64Array;
  /**
   * Template (S/N)^2 of the BGS tracer in this camera.
   * @column TSNR2_BGS f64
   */
  readonly TSNR2_BGS: Float64Array;
  /**
   * Template (S/N)^2 of the LYA tracer in this camera.
   * @column TSNR2_LYA f64
   */
  readonly TSNR2_LYA: Float64Array;
}
