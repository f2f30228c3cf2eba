import type { FibermapTable } from "./FibermapTable.js";
import type { StdStarsMetadataTable } from "./StdStarsMetadataTable.js";
import type { Header, Image } from "./values.js";

/**
 * The fitted stellar models of the standard stars of one spectrograph (petal) in one exposure,
 * fitted on its three cameras together (DESI `stdstars-{SPECTROGRAPH}-{EXPID}.fits`, docs/sources.md#stdstars,
 * #datamodel). DESI's COEFF and INPUT_FRAMES HDUs are not written.
 *
 * @format fits
 * @header NIGHT int - night of the exposure, YYYYMMDD
 * @header EXPID int - exposure ID
 * @header TILEID int - tile ID
 * @header SPECGRPH int - spectrograph (petal) number, 0 to 9
 * @header EXPTIME float s - shutter-open time
 */
export interface StdStars {
  /** Primary header, which is also the FLUX HDU's header. */
  readonly header: Header;
  /**
   * Best-fit model spectrum of each standard star, on the model grid, above the atmosphere.
   * @hdu FLUX
   * @dtype f32
   * @dims [star, wave]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly FLUX: Image<Float32Array>;
  /**
   * Vacuum wavelength of the model grid.
   * @hdu WAVELENGTH
   * @dtype f32
   * @dims [wave]
   * @unit Angstrom
   */
  readonly WAVELENGTH: Image<Float32Array>;
  /**
   * Fiber of each standard star.
   * @hdu FIBERS
   * @dtype i32
   * @dims [star]
   */
  readonly FIBERS: Image<Int32Array>;
  /**
   * Fit parameters of each standard star, in the order of FLUX.
   * @hdu METADATA
   */
  readonly METADATA: StdStarsMetadataTable;
  /**
   * Fibermap rows of the standard stars, in the order of FLUX.
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: FibermapTable;
}
