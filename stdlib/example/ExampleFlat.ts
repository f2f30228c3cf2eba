import type { Header, Image } from "../datamodel/values.js";

/**
 * The relative response of each fiber of one camera over one night, measured on the night's
 * flat-lamp frames (a reduced DESI `fiberflatnight-{CAMERA}-{NIGHT}.fits`, docs/sources.md#fiberflat). A
 * frame is flatfielded by dividing it by FIBERFLAT.
 *
 * @format fits
 * @header NIGHT int - night of the flats, YYYYMMDD
 * @header CAMERA str - camera: b, r or z
 * @header NFLAT int - number of flat-lamp frames combined
 */
export interface ExampleFlat {
  /** Primary header, which is also the FIBERFLAT HDU's header. */
  readonly header: Header;
  /**
   * Response of each fiber relative to the median over fibers (dimensionless, near 1); 0 for a
   * fiber that was dropped.
   * @hdu FIBERFLAT
   * @dtype f32
   * @dims [fiber, wave]
   */
  readonly FIBERFLAT: Image<Float32Array>;
  /**
   * Inverse variance of FIBERFLAT; 0 where it is unknown.
   * @hdu IVAR
   * @dtype f32
   * @dims [fiber, wave]
   */
  readonly IVAR: Image<Float32Array>;
  /**
   * Mean lamp spectrum: the median over fibers of the combined flats.
   * @hdu MEANSPEC
   * @dtype f32
   * @dims [wave]
   * @unit electron/Angstrom
   */
  readonly MEANSPEC: Image<Float32Array>;
  /**
   * Vacuum wavelength of each pixel.
   * @hdu WAVELENGTH
   * @dtype f64
   * @dims [wave]
   * @unit Angstrom
   */
  readonly WAVELENGTH: Image<Float64Array>;
}
