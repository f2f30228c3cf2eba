import type { Header, Image } from "../datamodel/values.js";
import type { ExampleFibermapTable } from "./ExampleFibermapTable.js";

/**
 * One camera's calibrated spectra of one example science exposure: fiber-flatfielded,
 * sky-subtracted and flux-calibrated (a reduced DESI `cframe-{CAMERA}-{EXPID}.fits`,
 * docs/sources.md#fluxcalib, without MASK, RESOLUTION and SCORES).
 *
 * @format fits
 * @header NIGHT int - night of the exposure, YYYYMMDD
 * @header EXPID int - exposure ID
 * @header TILEID int - tile ID
 * @header CAMERA str - camera: b, r or z
 * @header FLAVOR str - exposure flavor: science
 * @header EXPTIME float s - shutter-open time
 */
export interface ExampleCFrame {
  /** Primary header, which is also the FLUX HDU's header. */
  readonly header: Header;
  /**
   * Calibrated flux of each fiber.
   * @hdu FLUX
   * @dtype f32
   * @dims [fiber, wave]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly FLUX: Image<Float32Array>;
  /**
   * Inverse variance of FLUX; 0 where a pixel has no information.
   * @hdu IVAR
   * @dtype f32
   * @dims [fiber, wave]
   * @unit 10**+34 (s2 cm4 Angstrom2) / erg2
   */
  readonly IVAR: Image<Float32Array>;
  /**
   * Vacuum wavelength of each pixel, shared by all fibers.
   * @hdu WAVELENGTH
   * @dtype f64
   * @dims [wave]
   * @unit Angstrom
   */
  readonly WAVELENGTH: Image<Float64Array>;
  /**
   * One row per fiber, in fiber order (the frame's).
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: ExampleFibermapTable;
}
