/**
 * The ZCATALOG table of a redshift catalogue: one row per target and coadd, the REDSHIFTS joined
 * with the coadded fibermap and the per-band S/N of the coadd's SCORES (desidatamodel
 * `zpix-SURVEY-PROGRAM`, abridged). MEDIAN_COADD_SNR_* and TSNR2_* carry the S/N per band the 2 %
 * sprint asked to propagate to the redshift files.
 *
 * @table
 */
export interface ZCatalogTable {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Survey of the coadd the redshift comes from, e.g. main or sv1.
   * @column SURVEY str7
   */
  readonly SURVEY: readonly string[];
  /**
   * Program of the coadd the redshift comes from, e.g. dark or bright.
   * @column PROGRAM str6
   */
  readonly PROGRAM: readonly string[];
  /**
   * Nested nside-64 healpix pixel of the coadd (its HPXPIXEL).
   * @column HEALPIX i32
   */
  readonly HEALPIX: Int32Array;
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
  /**
   * Bitwise AND of the FIBERSTATUS of the coadded exposures; 0 is good.
   * @column COADD_FIBERSTATUS i32
   */
  readonly COADD_FIBERSTATUS: Int32Array;
  /**
   * Right ascension of the target (ICRS).
   * @column TARGET_RA f64 deg
   */
  readonly TARGET_RA: Float64Array;
  /**
   * Declination of the target (ICRS).
   * @column TARGET_DEC f64 deg
   */
  readonly TARGET_DEC: Float64Array;
  /**
   * Object type of the fiber: TGT, SKY, NON (unassigned) or BAD.
   * @column OBJTYPE str3
   */
  readonly OBJTYPE: readonly string[];
  /**
   * Dark-time target selection bit mask (desi_mask; bits up to 62).
   * @column DESI_TARGET i64
   */
  readonly DESI_TARGET: BigInt64Array;
  /**
   * Bright Galaxy Survey target selection bit mask (bgs_mask).
   * @column BGS_TARGET i64
   */
  readonly BGS_TARGET: BigInt64Array;
  /**
   * Milky Way Survey target selection bit mask (mws_mask).
   * @column MWS_TARGET i64
   */
  readonly MWS_TARGET: BigInt64Array;
  /**
   * Secondary-program target selection bit mask.
   * @column SCND_TARGET i64
   */
  readonly SCND_TARGET: BigInt64Array;
  /**
   * Number of exposures in the coadd.
   * @column COADD_NUMEXP i16
   */
  readonly COADD_NUMEXP: Int16Array;
  /**
   * Summed exposure time of the coadd.
   * @column COADD_EXPTIME f32 s
   */
  readonly COADD_EXPTIME: Float32Array;
  /**
   * Median signal-to-noise per sqrt(Angstrom) of the coadded flux in the b band.
   * @column MEDIAN_COADD_SNR_B f32
   */
  readonly MEDIAN_COADD_SNR_B: Float32Array;
  /**
   * Median signal-to-noise per sqrt(Angstrom) of the coadded flux in the r band.
   * @column MEDIAN_COADD_SNR_R f32
   */
  readonly MEDIAN_COADD_SNR_R: Float32Array;
  /**
   * Median signal-to-noise per sqrt(Angstrom) of the coadded flux in the z band.
   * @column MEDIAN_COADD_SNR_Z f32
   */
  readonly MEDIAN_COADD_SNR_Z: Float32Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the b camera.
   * @column TSNR2_ELG_B f32
   */
  readonly TSNR2_ELG_B: Float32Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the b camera.
   * @column TSNR2_LRG_B f32
   */
  readonly TSNR2_LRG_B: Float32Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the b camera.
   * @column TSNR2_QSO_B f32
   */
  readonly TSNR2_QSO_B: Float32Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the b camera.
   * @column TSNR2_BGS_B f32
   */
  readonly TSNR2_BGS_B: Float32Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the b camera.
   * @column TSNR2_LYA_B f32
   */
  readonly TSNR2_LYA_B: Float32Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the r camera.
   * @column TSNR2_ELG_R f32
   */
  readonly TSNR2_ELG_R: Float32Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the r camera.
   * @column TSNR2_LRG_R f32
   */
  readonly TSNR2_LRG_R: Float32Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the r camera.
   * @column TSNR2_QSO_R f32
   */
  readonly TSNR2_QSO_R: Float32Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the r camera.
   * @column TSNR2_BGS_R f32
   */
  readonly TSNR2_BGS_R: Float32Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the r camera.
   * @column TSNR2_LYA_R f32
   */
  readonly TSNR2_LYA_R: Float32Array;
  /**
   * Template (S/N)^2 of the ELG tracer in the z camera.
   * @column TSNR2_ELG_Z f32
   */
  readonly TSNR2_ELG_Z: Float32Array;
  /**
   * Template (S/N)^2 of the LRG tracer in the z camera.
   * @column TSNR2_LRG_Z f32
   */
  readonly TSNR2_LRG_Z: Float32Array;
  /**
   * Template (S/N)^2 of the QSO tracer in the z camera.
   * @column TSNR2_QSO_Z f32
   */
  readonly TSNR2_QSO_Z: Float32Array;
  /**
   * Template (S/N)^2 of the BGS tracer in the z camera.
   * @column TSNR2_BGS_Z f32
   */
  readonly TSNR2_BGS_Z: Float32Array;
  /**
   * Template (S/N)^2 of the LYA tracer in the z camera.
   * @column TSNR2_LYA_Z f32
   */
  readonly TSNR2_LYA_Z: Float32Array;
  /**
   * Template (S/N)^2 of the ELG tracer summed over the b, r and z cameras.
   * @column TSNR2_ELG f32
   */
  readonly TSNR2_ELG: Float32Array;
  /**
   * Template (S/N)^2 of the LRG tracer summed over the b, r and z cameras.
   * @column TSNR2_LRG f32
   */
  readonly TSNR2_LRG: Float32Array;
  /**
   * Template (S/N)^2 of the QSO tracer summed over the b, r and z cameras.
   * @column TSNR2_QSO f32
   */
  readonly TSNR2_QSO: Float32Array;
  /**
   * Template (S/N)^2 of the BGS tracer summed over the b, r and z cameras.
   * @column TSNR2_BGS f32
   */
  readonly TSNR2_BGS: Float32Array;
  /**
   * Template (S/N)^2 of the LYA tracer summed over the b, r and z cameras.
   * @column TSNR2_LYA f32
   */
  readonly TSNR2_LYA: Float32Array;
  /**
   * Number of rows of this TARGETID in the catalogue.
   * @column ZCAT_NSPEC i16
   */
  readonly ZCAT_NSPEC: Int16Array;
  /**
   * 1 for the row to use when a TARGETID has several (the most TSNR2), else 0.
   * @column ZCAT_PRIMARY bool
   */
  readonly ZCAT_PRIMARY: Uint8Array;
}
