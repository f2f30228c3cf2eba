/**
 * Per-fiber quality scores of one calibrated camera (the cframe's SCORES): the S/N per band that
 * the 2 % sprint asked to carry forward to the redshift files, and the template S/N² (TSNR2,
 * docs/sources.md#efftime) of each tracer. Rows are in FIBER order.
 *
 * As in DESI's cframes, the names end with the camera's band (MEDIAN_CALIB_SNR_B, TSNR2_ELG_B in
 * a b cframe), so a cframe holds only the six of its band (the others are optional and left out)
 * and desispec's regrouping (`pixgroup.frames2spectra`) joins the bands' scores side by side.
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
   * Median signal-to-noise per pixel of the calibrated flux at 4000–5800 Å (only in a b cframe).
   * @column MEDIAN_CALIB_SNR_B f64
   */
  readonly MEDIAN_CALIB_SNR_B?: Float64Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the b camera (only in a b cframe).
   * @column TSNR2_ELG_B f64
   */
  readonly TSNR2_ELG_B?: Float64Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the b camera (only in a b cframe).
   * @column TSNR2_LRG_B f64
   */
  readonly TSNR2_LRG_B?: Float64Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the b camera (only in a b cframe).
   * @column TSNR2_QSO_B f64
   */
  readonly TSNR2_QSO_B?: Float64Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the b camera (only in a b cframe).
   * @column TSNR2_BGS_B f64
   */
  readonly TSNR2_BGS_B?: Float64Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the b camera (only in a b cframe).
   * @column TSNR2_LYA_B f64
   */
  readonly TSNR2_LYA_B?: Float64Array;
  /**
   * Median signal-to-noise per pixel of the calibrated flux at 5800–7600 Å (only in an r cframe).
   * @column MEDIAN_CALIB_SNR_R f64
   */
  readonly MEDIAN_CALIB_SNR_R?: Float64Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the r camera (only in an r cframe).
   * @column TSNR2_ELG_R f64
   */
  readonly TSNR2_ELG_R?: Float64Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the r camera (only in an r cframe).
   * @column TSNR2_LRG_R f64
   */
  readonly TSNR2_LRG_R?: Float64Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the r camera (only in an r cframe).
   * @column TSNR2_QSO_R f64
   */
  readonly TSNR2_QSO_R?: Float64Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the r camera (only in an r cframe).
   * @column TSNR2_BGS_R f64
   */
  readonly TSNR2_BGS_R?: Float64Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the r camera (only in an r cframe).
   * @column TSNR2_LYA_R f64
   */
  readonly TSNR2_LYA_R?: Float64Array;
  /**
   * Median signal-to-noise per pixel of the calibrated flux at 7600–9800 Å (only in a z cframe).
   * @column MEDIAN_CALIB_SNR_Z f64
   */
  readonly MEDIAN_CALIB_SNR_Z?: Float64Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the z camera (only in a z cframe).
   * @column TSNR2_ELG_Z f64
   */
  readonly TSNR2_ELG_Z?: Float64Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the z camera (only in a z cframe).
   * @column TSNR2_LRG_Z f64
   */
  readonly TSNR2_LRG_Z?: Float64Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the z camera (only in a z cframe).
   * @column TSNR2_QSO_Z f64
   */
  readonly TSNR2_QSO_Z?: Float64Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the z camera (only in a z cframe).
   * @column TSNR2_BGS_Z f64
   */
  readonly TSNR2_BGS_Z?: Float64Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the z camera (only in a z cframe).
   * @column TSNR2_LYA_Z f64
   */
  readonly TSNR2_LYA_Z?: Float64Array;
}
