/**
 * The TSNR2 table of a redshift file: one row per target, row-matched to REDSHIFTS, with the
 * template S/N² of each tracer per band and summed over bands, copied from the coadd's SCORES
 * (desidatamodel `redrock-SURVEY-PROGRAM-PIXNUM`).
 *
 * @table
 */
export interface Tsnr2Table {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
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
