import type { Header, Image } from "./values.js";

/**
 * The sky model of one camera of one exposure: the sky spectrum each fiber saw, fitted on the
 * petal's sky fibers and convolved with each fiber's resolution (DESI `sky-{CAMERA}-{EXPID}.fits`,
 * docs/sources.md#sky-subtraction). DESI's PCA correction HDUs (THRPUTCORR_MOD, DWAVECOEFF, DLSFCOEFF,
 * SKYGRADPCACOEFF) are not written.
 *
 * @format fits
 * @header NIGHT int - night of the exposure, YYYYMMDD
 * @header EXPID int - exposure ID
 * @header TILEID int - tile ID
 * @header CAMERA str - camera: band b, r or z and spectrograph number, e.g. b3
 * @header SPECGRPH int - spectrograph (petal) number, 0 to 9
 * @header EXPTIME float s - shutter-open time
 */
export interface Sky {
  /** Primary header, which is also the SKY HDU's header. */
  readonly header: Header;
  /**
   * Sky flux in each fiber, as extracted (flatfielded units).
   * @hdu SKY
   * @dtype f32
   * @dims [fiber, wave]
   * @unit electron/Angstrom
   */
  readonly SKY: Image<Float32Array>;
  /**
   * Inverse variance of SKY, including the model's systematic term.
   * @hdu IVAR
   * @dtype f32
   * @dims [fiber, wave]
   * @unit Angstrom2 / electron2
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
   * Statistical-only inverse variance of SKY.
   * @hdu STATIVAR
   * @dtype f32
   * @dims [fiber, wave]
   * @unit Angstrom2 / electron2
   */
  readonly STATIVAR: Image<Float32Array>;
  /**
   * Achromatic throughput correction of each fiber fitted with the sky (1 for none).
   * @hdu THRPUTCORR
   * @dtype f32
   * @dims [fiber]
   */
  readonly THRPUTCORR: Image<Float32Array>;
}
