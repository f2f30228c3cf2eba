/**
 * The TARGETS table of a target file: one row per mock target in one healpix pixel, science
 * targets, standard stars and sky positions alike, with imaging photometry, targeting bits and
 * initial priorities (docs/sources.md#targetmask; desitarget's data model, abridged).
 *
 * @table
 */
export interface TargetsTable {
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Right ascension of the target (ICRS).
   * @column RA f64 deg
   */
  readonly RA: Float64Array;
  /**
   * Declination of the target (ICRS).
   * @column DEC f64 deg
   */
  readonly DEC: Float64Array;
  /**
   * Imaging release ID (bits 42 to 57 of TARGETID).
   * @column RELEASE i16
   */
  readonly RELEASE: Int16Array;
  /**
   * Name of the imaging brick that holds the target.
   * @column BRICKNAME str8
   */
  readonly BRICKNAME: readonly string[];
  /**
   * Imaging brick ID (bits 22 to 41 of TARGETID); mocks use the nside-64 nested pixel.
   * @column BRICKID i32
   */
  readonly BRICKID: Int32Array;
  /**
   * Object number within its brick (bits 0 to 21 of TARGETID).
   * @column BRICK_OBJID i32
   */
  readonly BRICK_OBJID: Int32Array;
  /**
   * Morphological model of the imaging: PSF, REX, EXP, DEV or SER.
   * @column MORPHTYPE str4
   */
  readonly MORPHTYPE: readonly string[];
  /**
   * Galactic reddening E(B-V) at the target (SFD98).
   * @column EBV f32 mag
   */
  readonly EBV: Float32Array;
  /**
   * Total flux in the g band (AB), observed (Galactic extinction included, as DESI's imaging measures it); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_G f32 nanomaggy
   */
  readonly FLUX_G: Float32Array;
  /**
   * Total flux in the r band (AB), observed (Galactic extinction included, as DESI's imaging measures it); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_R f32 nanomaggy
   */
  readonly FLUX_R: Float32Array;
  /**
   * Total flux in the z band (AB), observed (Galactic extinction included, as DESI's imaging measures it); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_Z f32 nanomaggy
   */
  readonly FLUX_Z: Float32Array;
  /**
   * Total flux in the W1 band (AB), observed (Galactic extinction included, as DESI's imaging measures it); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_W1 f32 nanomaggy
   */
  readonly FLUX_W1: Float32Array;
  /**
   * Total flux in the W2 band (AB), observed (Galactic extinction included, as DESI's imaging measures it); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_W2 f32 nanomaggy
   */
  readonly FLUX_W2: Float32Array;
  /**
   * Inverse variance of FLUX_G.
   * @column FLUX_IVAR_G f32 nanomaggy**-2
   */
  readonly FLUX_IVAR_G: Float32Array;
  /**
   * Inverse variance of FLUX_R.
   * @column FLUX_IVAR_R f32 nanomaggy**-2
   */
  readonly FLUX_IVAR_R: Float32Array;
  /**
   * Inverse variance of FLUX_Z.
   * @column FLUX_IVAR_Z f32 nanomaggy**-2
   */
  readonly FLUX_IVAR_Z: Float32Array;
  /**
   * Inverse variance of FLUX_W1.
   * @column FLUX_IVAR_W1 f32 nanomaggy**-2
   */
  readonly FLUX_IVAR_W1: Float32Array;
  /**
   * Inverse variance of FLUX_W2.
   * @column FLUX_IVAR_W2 f32 nanomaggy**-2
   */
  readonly FLUX_IVAR_W2: Float32Array;
  /**
   * Predicted g-band flux from this object within a 1.5 arcsec fiber in 1 arcsec Gaussian seeing.
   * @column FIBERFLUX_G f32 nanomaggy
   */
  readonly FIBERFLUX_G: Float32Array;
  /**
   * Predicted r-band flux from this object within a 1.5 arcsec fiber in 1 arcsec Gaussian seeing.
   * @column FIBERFLUX_R f32 nanomaggy
   */
  readonly FIBERFLUX_R: Float32Array;
  /**
   * Predicted z-band flux from this object within a 1.5 arcsec fiber in 1 arcsec Gaussian seeing.
   * @column FIBERFLUX_Z f32 nanomaggy
   */
  readonly FIBERFLUX_Z: Float32Array;
  /**
   * Predicted g-band flux from all sources within a 1.5 arcsec fiber in 1 arcsec Gaussian seeing.
   * @column FIBERTOTFLUX_G f32 nanomaggy
   */
  readonly FIBERTOTFLUX_G: Float32Array;
  /**
   * Predicted r-band flux from all sources within a 1.5 arcsec fiber in 1 arcsec Gaussian seeing.
   * @column FIBERTOTFLUX_R f32 nanomaggy
   */
  readonly FIBERTOTFLUX_R: Float32Array;
  /**
   * Predicted z-band flux from all sources within a 1.5 arcsec fiber in 1 arcsec Gaussian seeing.
   * @column FIBERTOTFLUX_Z f32 nanomaggy
   */
  readonly FIBERTOTFLUX_Z: Float32Array;
  /**
   * Half-light radius of the galaxy model (0 for point sources).
   * @column SHAPE_R f32 arcsec
   */
  readonly SHAPE_R: Float32Array;
  /**
   * Photometric system of the imaging: N (BASS/MzLS) or S (DECaLS).
   * @column PHOTSYS str1
   */
  readonly PHOTSYS: readonly string[];
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
   * Initial priority from the targeting bits.
   * @column PRIORITY_INIT i64
   */
  readonly PRIORITY_INIT: BigInt64Array;
  /**
   * Random subpriority in [0, 1) that breaks priority ties.
   * @column SUBPRIORITY f64
   */
  readonly SUBPRIORITY: Float64Array;
  /**
   * Initial number of observations requested for the target.
   * @column NUMOBS_INIT i64
   */
  readonly NUMOBS_INIT: BigInt64Array;
  /**
   * Bit mask of the observing conditions allowed for the target (DARK bit 0, GRAY 1, BRIGHT 2,
   * BACKUP 3).
   * @column OBSCONDITIONS i32
   */
  readonly OBSCONDITIONS: Int32Array;
  /**
   * Nested healpix pixel of the target at the file's HPXNSIDE.
   * @column HPXPIXEL i64
   */
  readonly HPXPIXEL: BigInt64Array;
}
