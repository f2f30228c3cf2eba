/**
 * The METADATA of a standard-star file: one row per fitted standard star, the parameters of its
 * best-fit stellar model (docs/sources.md#stdstars). The colour columns DESI adds (DATA_G-R, MODEL_G-R, …) are
 * left out.
 *
 * @table
 */
export interface StdStarsMetadataTable {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Fiber number on the spectrographs' CCDs, 0 to 4999 (500 per petal).
   * @column FIBER i32
   */
  readonly FIBER: Int32Array;
  /**
   * log10 of the surface gravity of the best-fit model, in cm/s^2.
   * @column LOGG f64
   */
  readonly LOGG: Float64Array;
  /**
   * Effective temperature of the best-fit model.
   * @column TEFF f64 K
   */
  readonly TEFF: Float64Array;
  /**
   * Iron abundance [Fe/H] of the best-fit model, in dex.
   * @column FEH f64
   */
  readonly FEH: Float64Array;
  /**
   * Reduced chi2 of the fit.
   * @column CHI2DOF f64
   */
  readonly CHI2DOF: Float64Array;
  /**
   * Redshift of the fit (radial velocity / c; can be negative).
   * @column REDSHIFT f64
   */
  readonly REDSHIFT: Float64Array;
  /**
   * Median signal-to-noise of the star in the b camera.
   * @column BLUE_SNR f64
   */
  readonly BLUE_SNR: Float64Array;
  /**
   * Median signal-to-noise of the star in the r camera.
   * @column RED_SNR f64
   */
  readonly RED_SNR: Float64Array;
  /**
   * Median signal-to-noise of the star in the z camera.
   * @column NIR_SNR f64
   */
  readonly NIR_SNR: Float64Array;
}
