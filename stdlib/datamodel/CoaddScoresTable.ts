/**
 * The SCORES of a healpix coadd: one row per target, row-matched to its FIBERMAP, with the
 * integrated and median flux and the median S/N of the coadded flux per band, then the template
 * S/N² per tracer, per band summed over the coadded exposures and summed over bands
 * (desispec `compute_coadd_scores`, desidatamodel `coadd-SURVEY-PROGRAM-PIXNUM`; docs/sources.md#coadd).
 * Its columns are in desispec's order.
 *
 * @table
 */
export interface CoaddScoresTable {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Flux of the coadd integrated over the b band's score range (4000–5800, 5800–7600, 7600–9800 Angstrom for b, r, z).
   * @column INTEG_COADD_FLUX_B f32 10**-17 erg/(s cm2)
   */
  readonly INTEG_COADD_FLUX_B: Float32Array;
  /**
   * Median flux density of the coadd over the b band's score range.
   * @column MEDIAN_COADD_FLUX_B f32 10**-17 erg/(s cm2 Angstrom)
   */
  readonly MEDIAN_COADD_FLUX_B: Float32Array;
  /**
   * Median signal-to-noise per sqrt(Angstrom) of the coadded flux over the b band's score range.
   * @column MEDIAN_COADD_SNR_B f32
   */
  readonly MEDIAN_COADD_SNR_B: Float32Array;
  /**
   * Flux of the coadd integrated over the r band's score range (4000–5800, 5800–7600, 7600–9800 Angstrom for b, r, z).
   * @column INTEG_COADD_FLUX_R f32 10**-17 erg/(s cm2)
   */
  readonly INTEG_COADD_FLUX_R: Float32Array;
  /**
   * Median flux density of the coadd over the r band's score range.
   * @column MEDIAN_COADD_FLUX_R f32 10**-17 erg/(s cm2 Angstrom)
   */
  readonly MEDIAN_COADD_FLUX_R: Float32Array;
  /**
   * Median signal-to-noise per sqrt(Angstrom) of the coadded flux over the r band's score range.
   * @column MEDIAN_COADD_SNR_R f32
   */
  readonly MEDIAN_COADD_SNR_R: Float32Array;
  /**
   * Flux of the coadd integrated over the z band's score range (4000–5800, 5800–7600, 7600–9800 Angstrom for b, r, z).
   * @column INTEG_COADD_FLUX_Z f32 10**-17 erg/(s cm2)
   */
  readonly INTEG_COADD_FLUX_Z: Float32Array;
  /**
   * Median flux density of the coadd over the z band's score range.
   * @column MEDIAN_COADD_FLUX_Z f32 10**-17 erg/(s cm2 Angstrom)
   */
  readonly MEDIAN_COADD_FLUX_Z: Float32Array;
  /**
   * Median signal-to-noise per sqrt(Angstrom) of the coadded flux over the z band's score range.
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
}
