import type { FibermapTable } from "./FibermapTable.js";
import type { Header, Image } from "./values.js";

/**
 * The relative spectral response of each fiber of one camera, measured on flat-lamp exposures (DESI
 * `fiberflat-{CAMERA}-{EXPID}.fits` or, combined over a night,
 * `fiberflatnight-{CAMERA}-{NIGHT}.fits`; docs/sources.md#fiberflat). A frame is flatfielded by dividing
 * it by FIBERFLAT.
 *
 * @format fits
 * @header NIGHT int - night of the exposure, YYYYMMDD
 * @header CAMERA str - camera: band b, r or z and spectrograph number, e.g. b3
 * @header SPECGRPH int - spectrograph (petal) number, 0 to 9
 */
export interface FiberFlat {
  /** Primary header, which is also the FIBERFLAT HDU's header. */
  readonly header: Header;
  /**
   * Response of each fiber relative to MEANSPEC (dimensionless, near 1).
   * @hdu FIBERFLAT
   * @dtype f32
   * @dims [fiber, wave]
   */
  readonly FIBERFLAT: Image<Float32Array>;
  /**
   * Inverse variance of FIBERFLAT.
   * @hdu IVAR
   * @dtype f32
   * @dims [fiber, wave]
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
   * Deconvolved mean lamp spectrum over fibers.
   * @hdu MEANSPEC
   * @dtype f32
   * @dims [wave]
   * @unit electron/Angstrom
   */
  readonly MEANSPEC: Image<Float32Array>;
  /**
   * Vacuum wavelength of each pixel.
   * @hdu WAVELENGTH
   * @dtype f32
   * @dims [wave]
   * @unit Angstrom
   */
  readonly WAVELENGTH: Image<Float32Array>;
  /**
   * Fibermap rows of the petal's fibers, in fiber order.
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: FibermapTable;
}
