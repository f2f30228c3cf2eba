import type { Header } from "./values.js";
/**
 * The fibermap of a tile or of one exposure: one row per fiber, the target it holds with its
 * photometry and targeting bits, and where the positioner put it (desidatamodel fibermap-EXPID page; dtypes and units as
 * desispec's `fibermap_columns`). Rows are in FIBER order.
 *
 * Written at design time by fiber assignment (FIBER_X/Y = FIBERASSIGN_X/Y, DELTA_X/Y = 0,
 * EXPTIME = 0) and per exposure by the exposure simulator with the achieved positions. The 71
 * columns of desispec's main-survey fibermap, in its order; imaging and astrometric columns a
 * mock does not model (PMRA, PMDEC, MASKBITS, Gaia magnitudes, ellipticities, parallax) hold
 * desitarget's values for "none" (0, REF_ID −1, REF_CAT blank). Unassigned fibers have OBJTYPE
 * `NON` and TARGETID -1.
 *
 * @table
 */
export interface FibermapTable {
  /** The HDU's own header, when its HDU member declares keywords with `@header` (a frame's or cframe's FIBERMAP); not a column. */
  readonly header?: Header;
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * Petal location on the focal plane, 0 to 9.
   * @column PETAL_LOC i16
   */
  readonly PETAL_LOC: Int16Array;
  /**
   * Device location on its petal, 0 to 523.
   * @column DEVICE_LOC i32
   */
  readonly DEVICE_LOC: Int32Array;
  /**
   * Location on the focal plane, PETAL_LOC * 1000 + DEVICE_LOC.
   * @column LOCATION i64
   */
  readonly LOCATION: BigInt64Array;
  /**
   * Fiber number on the spectrographs' CCDs, 0 to 4999 (500 per petal).
   * @column FIBER i32
   */
  readonly FIBER: Int32Array;
  /**
   * Fiber status bit mask; 0 is good.
   * @column FIBERSTATUS i32
   */
  readonly FIBERSTATUS: Int32Array;
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
   * Human-readable name of the sky location, `DESI JRRR.rrrr±DD.dddd` from TARGET_RA/TARGET_DEC truncated to 4 decimals (desiutil `radec_to_desiname`).
   * @column DESINAME str22
   */
  readonly DESINAME: readonly string[];
  /**
   * Proper motion in +RA (0 for a mock: no astrometric reference).
   * @column PMRA f32 mas yr-1
   */
  readonly PMRA: Float32Array;
  /**
   * Proper motion in +Dec (0 for a mock).
   * @column PMDEC f32 mas yr-1
   */
  readonly PMDEC: Float32Array;
  /**
   * Reference epoch of the Gaia/Tycho astrometry (0 without one).
   * @column REF_EPOCH f32 yr
   */
  readonly REF_EPOCH: Float32Array;
  /**
   * Wavelength at which the fiber was centred on the target (fiber assignment: 5400 Å).
   * @column LAMBDA_REF f32 Angstrom
   */
  readonly LAMBDA_REF: Float32Array;
  /**
   * Targeting bits fiber assignment used for this fiber (read with FA_TYPE).
   * @column FA_TARGET i64
   */
  readonly FA_TARGET: BigInt64Array;
  /**
   * Fiber assignment's internal target type bits (science, standard, sky, safe, suppsky).
   * @column FA_TYPE u8
   */
  readonly FA_TYPE: Uint8Array;
  /**
   * Object type of the fiber: TGT, SKY, NON (unassigned) or BAD.
   * @column OBJTYPE str3
   */
  readonly OBJTYPE: readonly string[];
  /**
   * Focal-plane (CS5) X position planned by fiber assignment.
   * @column FIBERASSIGN_X f32 mm
   */
  readonly FIBERASSIGN_X: Float32Array;
  /**
   * Focal-plane (CS5) Y position planned by fiber assignment.
   * @column FIBERASSIGN_Y f32 mm
   */
  readonly FIBERASSIGN_Y: Float32Array;
  /**
   * Priority of the target when it was assigned (higher is observed first).
   * @column PRIORITY i32
   */
  readonly PRIORITY: Int32Array;
  /**
   * Random subpriority in [0, 1) that breaks priority ties.
   * @column SUBPRIORITY f64
   */
  readonly SUBPRIORITY: Float64Array;
  /**
   * Bit mask of the observing conditions allowed for the target (DARK bit 0, GRAY 1, BRIGHT 2,
   * BACKUP 3).
   * @column OBSCONDITIONS i32
   */
  readonly OBSCONDITIONS: Int32Array;
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
   * Total flux in the g band (AB); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_G f32 nanomaggy
   */
  readonly FLUX_G: Float32Array;
  /**
   * Total flux in the r band (AB); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_R f32 nanomaggy
   */
  readonly FLUX_R: Float32Array;
  /**
   * Total flux in the z band (AB); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_Z f32 nanomaggy
   */
  readonly FLUX_Z: Float32Array;
  /**
   * Total flux in the W1 band (AB); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_W1 f32 nanomaggy
   */
  readonly FLUX_W1: Float32Array;
  /**
   * Total flux in the W2 band (AB); m = 22.5 - 2.5 log10(flux).
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
   * Imaging bit mask of photometry issues (0 for a mock).
   * @column MASKBITS i16
   */
  readonly MASKBITS: Int16Array;
  /**
   * Sérsic index of the imaging model: 0 for PSF, 1 for REX and EXP, 4 for DEV.
   * @column SERSIC f32
   */
  readonly SERSIC: Float32Array;
  /**
   * Half-light radius of the galaxy model (0 for point sources).
   * @column SHAPE_R f32 arcsec
   */
  readonly SHAPE_R: Float32Array;
  /**
   * Ellipticity component 1 of the imaging model (0: mocks are round).
   * @column SHAPE_E1 f32
   */
  readonly SHAPE_E1: Float32Array;
  /**
   * Ellipticity component 2 of the imaging model (0: mocks are round).
   * @column SHAPE_E2 f32
   */
  readonly SHAPE_E2: Float32Array;
  /**
   * Astrometric reference ID (Gaia SOURCE_ID); −1 without one.
   * @column REF_ID i64
   */
  readonly REF_ID: BigInt64Array;
  /**
   * Astrometric reference catalogue (G2 for Gaia DR2); blank without one.
   * @column REF_CAT str2
   */
  readonly REF_CAT: readonly string[];
  /**
   * Gaia G magnitude (0 without a Gaia match).
   * @column GAIA_PHOT_G_MEAN_MAG f32 mag
   */
  readonly GAIA_PHOT_G_MEAN_MAG: Float32Array;
  /**
   * Gaia BP magnitude (0 without a Gaia match).
   * @column GAIA_PHOT_BP_MEAN_MAG f32 mag
   */
  readonly GAIA_PHOT_BP_MEAN_MAG: Float32Array;
  /**
   * Gaia RP magnitude (0 without a Gaia match).
   * @column GAIA_PHOT_RP_MEAN_MAG f32 mag
   */
  readonly GAIA_PHOT_RP_MEAN_MAG: Float32Array;
  /**
   * Reference-catalogue parallax (0 without one).
   * @column PARALLAX f32 mas
   */
  readonly PARALLAX: Float32Array;
  /**
   * Photometric system of the imaging: N (BASS/MzLS) or S (DECaLS).
   * @column PHOTSYS str1
   */
  readonly PHOTSYS: readonly string[];
  /**
   * Initial priority from the targeting bits.
   * @column PRIORITY_INIT i64
   */
  readonly PRIORITY_INIT: BigInt64Array;
  /**
   * Initial number of observations requested for the target.
   * @column NUMOBS_INIT i64
   */
  readonly NUMOBS_INIT: BigInt64Array;
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
   * Right ascension used to place the positioner.
   * @column PLATE_RA f64 deg
   */
  readonly PLATE_RA: Float64Array;
  /**
   * Declination used to place the positioner.
   * @column PLATE_DEC f64 deg
   */
  readonly PLATE_DEC: Float64Array;
  /**
   * Number of positioner moves to reach the target (0 at design time, 2 on an exposure).
   * @column NUM_ITER i64
   */
  readonly NUM_ITER: BigInt64Array;
  /**
   * Focal-plane (CS5) X position requested for the exposure.
   * @column FIBER_X f64 mm
   */
  readonly FIBER_X: Float64Array;
  /**
   * Focal-plane (CS5) Y position requested for the exposure.
   * @column FIBER_Y f64 mm
   */
  readonly FIBER_Y: Float64Array;
  /**
   * Requested minus achieved focal-plane (CS5) X position.
   * @column DELTA_X f64 mm
   */
  readonly DELTA_X: Float64Array;
  /**
   * Requested minus achieved focal-plane (CS5) Y position.
   * @column DELTA_Y f64 mm
   */
  readonly DELTA_Y: Float64Array;
  /**
   * Right ascension of the achieved fiber position.
   * @column FIBER_RA f64 deg
   */
  readonly FIBER_RA: Float64Array;
  /**
   * Declination of the achieved fiber position.
   * @column FIBER_DEC f64 deg
   */
  readonly FIBER_DEC: Float64Array;
  /**
   * Shutter-open time of the exposure (0 in a tile's design-time fibermap).
   * @column EXPTIME f64 s
   */
  readonly EXPTIME: Float64Array;
}
