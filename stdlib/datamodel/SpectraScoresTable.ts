/**
 * The SCORES of a healpix spectra file: one row per spectrum, row-matched to its FIBERMAP, with the
 * per-camera scores of the cframe each row came from, suffixed by band (docs/sources.md#datamodel). redrock
 * requires this HDU and copies its TSNR2_* columns.
 *
 * @table
 */
export interface SpectraScoresTable {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Median signal-to-noise per pixel of the calibrated flux in the b camera.
   * @column MEDIAN_CALIB_SNR_B f64
   */
  readonly MEDIAN_CALIB_SNR_B: Float64Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the b camera.
   * @column TSNR2_ELG_B f64
   */
  readonly TSNR2_ELG_B: Float64Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the b camera.
   * @column TSNR2_LRG_B f64
   */
  readonly TSNR2_LRG_B: Float64Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the b camera.
   * @column TSNR2_QSO_B f64
   */
  readonly TSNR2_QSO_B: Float64Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the b camera.
   * @column TSNR2_BGS_B f64
   */
  readonly TSNR2_BGS_B: Float64Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the b camera.
   * @column TSNR2_LYA_B f64
   */
  readonly TSNR2_LYA_B: Float64Array;
  /**
   * Median signal-to-noise per pixel of the calibrated flux in the r camera.
   * @column MEDIAN_CALIB_SNR_R f64
   */
  readonly MEDIAN_CALIB_SNR_R: Float64Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the r camera.
   * @column TSNR2_ELG_R f64
   */
  readonly TSNR2_ELG_R: Float64Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the r camera.
   * @column TSNR2_LRG_R f64
   */
  readonly TSNR2_LRG_R: Float64Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the r camera.
   * @column TSNR2_QSO_R f64
   */
  readonly TSNR2_QSO_R: Float64Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the r camera.
   * @column TSNR2_BGS_R f64
   */
  readonly TSNR2_BGS_R: Float64Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the r camera.
   * @column TSNR2_LYA_R f64
   */
  readonly TSNR2_LYA_R: Float64Array;
  /**
   * Median signal-to-noise per pixel of the calibrated flux in the z camera.
   * @column MEDIAN_CALIB_SNR_Z f64
   */
  readonly MEDIAN_CALIB_SNR_Z: Float64Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the z camera.
   * @column TSNR2_ELG_Z f64
   */
  readonly TSNR2_ELG_Z: Float64Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the z camera.
   * @column TSNR2_LRG_Z f64
   */
  readonly TSNR2_LRG_Z: Float64Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the z camera.
   * @column TSNR2_QSO_Z f64
   */
  readonly TSNR2_QSO_Z: Float64Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the z camera.
   * @column TSNR2_BGS_Z f64
   */
  readonly TSNR2_BGS_Z: Float64Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the z camera.
   * @column TSNR2_LYA_Z f64
   */
  readonly TSNR2_LYA_Z: Float64Array;
}
