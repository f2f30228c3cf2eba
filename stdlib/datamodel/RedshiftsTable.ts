/**
 * The REDSHIFTS table of a redshift file: one row per target, the best fit of a redrock-style
 * fitter, with the reduced-precision dtypes redrock 0.21 and later writes (docs/sources.md#datamodel): ZERR,
 * CHI2, COEFF and DELTACHI2 float32, ZWARN and NPIXELS int32, NCOEFF int16.
 *
 * @table
 */
export interface RedshiftsTable {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Best-fit redshift.
   * @column Z f64
   */
  readonly Z: Float64Array;
  /**
   * Uncertainty on Z, from the curvature of chi2 at the minimum.
   * @column ZERR f32
   */
  readonly ZERR: Float32Array;
  /**
   * Redshift warning bit mask; 0 is good.
   * @column ZWARN i32
   */
  readonly ZWARN: Int32Array;
  /**
   * Chi2 of the best fit.
   * @column CHI2 f32
   */
  readonly CHI2: Float32Array;
  /**
   * Template coefficients of the best fit, zero-padded to 10.
   * @column COEFF f32[coeff=10]
   */
  readonly COEFF: Float32Array;
  /**
   * Fit method: PCA, or NONE for a target that was not fitted.
   * @column FITMETHOD str4
   */
  readonly FITMETHOD: readonly string[];
  /**
   * Number of unmasked pixels in the fit.
   * @column NPIXELS i32
   */
  readonly NPIXELS: Int32Array;
  /**
   * Spectral class of the best fit: GALAXY, QSO or STAR.
   * @column SPECTYPE str6
   */
  readonly SPECTYPE: readonly string[];
  /**
   * Template subclass of the best fit (e.g. K, LOZ, HIZ); may be blank.
   * @column SUBTYPE str
   */
  readonly SUBTYPE: readonly string[];
  /**
   * Number of template coefficients used in the best fit.
   * @column NCOEFF i16
   */
  readonly NCOEFF: Int16Array;
  /**
   * Chi2 difference between the best and the next-best fit.
   * @column DELTACHI2 f32
   */
  readonly DELTACHI2: Float32Array;
}
