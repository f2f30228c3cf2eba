import type { Header } from "./values.js";
import type { FibermapTable } from "./FibermapTable.js";

/** The target's position, which desitarget writes right after TARGETID. */
interface TargetPositionColumns {
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
}

/**
 * The TARGETS table of a target file: one row per mock target in one healpix pixel, science
 * targets, standard stars and sky positions alike, with imaging photometry, targeting bits and
 * initial priorities (docs/sources.md#targetmask; desitarget's data model, abridged).
 *
 * Its imaging, targeting and priority columns are FibermapTable's, in the order below; the
 * fluxes are redeclared (in place) as observed fluxes.
 *
 * @table
 */
export interface TargetsTable
  extends
    Pick<FibermapTable, "TARGETID">,
    TargetPositionColumns,
    Pick<
      FibermapTable,
      | "RELEASE"
      | "BRICKNAME"
      | "BRICKID"
      | "BRICK_OBJID"
      | "MORPHTYPE"
      | "EBV"
      | "FLUX_G"
      | "FLUX_R"
      | "FLUX_Z"
      | "FLUX_W1"
      | "FLUX_W2"
      | "FLUX_IVAR_G"
      | "FLUX_IVAR_R"
      | "FLUX_IVAR_Z"
      | "FLUX_IVAR_W1"
      | "FLUX_IVAR_W2"
      | "FIBERFLUX_G"
      | "FIBERFLUX_R"
      | "FIBERFLUX_Z"
      | "FIBERTOTFLUX_G"
      | "FIBERTOTFLUX_R"
      | "FIBERTOTFLUX_Z"
      | "SHAPE_R"
      | "PHOTSYS"
      | "DESI_TARGET"
      | "BGS_TARGET"
      | "MWS_TARGET"
      | "SCND_TARGET"
      | "PRIORITY_INIT"
      | "SUBPRIORITY"
      | "NUMOBS_INIT"
      | "OBSCONDITIONS"
    > {
  /** The HDU's own header, when its HDU member declares keywords with `@header` (the mock's TARGETS: FILENSID, FILENEST, FILEHPX); not a column. */
  readonly header?: Header;
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
   * Nested healpix pixel of the target at the file's HPXNSIDE.
   * @column HPXPIXEL i64
   */
  readonly HPXPIXEL: BigInt64Array;
}
