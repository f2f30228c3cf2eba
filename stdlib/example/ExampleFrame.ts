import type { Header, Image } from "../datamodel/values.js";
import type { ExampleFibermapTable } from "./ExampleFibermapTable.js";

/**
 * One camera's extracted spectra of one example exposure, before calibration: electrons per
 * Angstrom for each fiber (a reduced DESI `frame-{CAMERA}-{EXPID}.fits`, docs/sources.md#datamodel, without
 * MASK and RESOLUTION). Flat-lamp exposures are frames too, with FLAVOR `flat`.
 *
 * @format fits
 * @header NIGHT int - night of the exposure, YYYYMMDD
 * @header EXPID int - exposure ID
 * @header TILEID int - tile ID, -1 for a flat
 * @header CAMERA str - camera: b, r or z
 * @header FLAVOR str - exposure flavor: science or flat
 * @header EXPTIME float s - shutter-open time
 */
export interface ExampleFrame {
  /** Primary header, which is also the FLUX HDU's header. */
  readonly header: Header;
  /**
   * Extracted flux of each fiber.
   * @hdu FLUX
   * @dtype f32
   * @dims [fiber, wave]
   * @unit electron/Angstrom
   */
  readonly FLUX: Image<Float32Array>;
  /**
   * Inverse variance of FLUX; 0 where a pixel has no information.
   * @hdu IVAR
   * @dtype f32
   * @dims [fiber, wave]
   * @unit Angstrom2 / electron2
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
   * One row per fiber, in fiber order.
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: ExampleFibermapTable;
}
