import type { FibermapTable } from "./FibermapTable.js";
import type { Header, Image } from "./values.js";

/**
 * The flux calibration of one camera of one exposure, fitted on the standard stars: the factor from
 * electrons per Angstrom to 1e-17 erg/s/cm²/Angstrom for each fiber (DESI
 * `fluxcalib-{CAMERA}-{EXPID}.fits`, docs/sources.md#fluxcalib). Calibrated flux = flatfielded,
 * sky-subtracted flux / FLUXCALIB. DESI's FIBERCORR HDU is not written.
 *
 * @format fits
 * @header NIGHT int - night of the exposure, YYYYMMDD
 * @header EXPID int - exposure ID
 * @header TILEID int - tile ID
 * @header CAMERA str - camera: band b, r or z and spectrograph number, e.g. b3
 * @header SPECGRPH int - spectrograph (petal) number, 0 to 9
 * @header EXPTIME float s - shutter-open time
 * @header AIRMASS float - airmass
 */
export interface FluxCalib {
  /** Primary header, which is also the FLUXCALIB HDU's header. */
  readonly header: Header;
  /**
   * Calibration vector of each fiber, (electron/Angstrom) / (1e-17 erg/s/cm2/Angstrom).
   * @hdu FLUXCALIB
   * @dtype f32
   * @dims [fiber, wave]
   * @unit 10**+17 cm2 count s / erg
   */
  readonly FLUXCALIB: Image<Float32Array>;
  /**
   * Inverse variance of FLUXCALIB.
   * @hdu IVAR
   * @dtype f32
   * @dims [fiber, wave]
   * @unit 10**-34 erg2 / (s2 cm4 count2)
   */
  readonly IVAR: Image<Float32Array>;
  /**
   * Bit mask of each pixel; 0 is good.
   * @hdu MASK
   * @dtype i32
   * @dims [fiber, wave]
   */
  readonly MASK: Image<Int32Array>;
  /**
   * Vacuum wavelength of each pixel.
   * @hdu WAVELENGTH
   * @dtype f32
   * @dims [wave]
   * @unit Angstrom
   */
  readonly WAVELENGTH: Image<Float32Array>;
  /**
   * Fibermap rows of the standard stars the calibration was fitted on.
   * @hdu STDSTAR_FIBERMAP
   */
  readonly STDSTAR_FIBERMAP: FibermapTable;
}
