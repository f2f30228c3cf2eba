import type { CFrameScoresTable } from "./CFrameScoresTable.js";
import type { FibermapTable } from "./FibermapTable.js";
import type { Header, Image } from "./values.js";

/**
 * One camera's calibrated spectra of one exposure: fiber-flatfielded, sky-subtracted and
 * flux-calibrated (DESI `cframe-{CAMERA}-{EXPID}.fits`, docs/sources.md#datamodel), with the per-fiber S/N and
 * template S/N² of this camera in SCORES.
 *
 * @format fits
 * @header NIGHT int - night of the exposure, YYYYMMDD
 * @header EXPID int - exposure ID
 * @header TILEID int - tile ID
 * @header CAMERA str - camera: band b, r or z and spectrograph number, e.g. b3
 * @header SPECGRPH int - spectrograph (petal) number, 0 to 9
 * @header EXPTIME float s - shutter-open time
 * @header AIRMASS float - airmass
 * @header SEEING float arcsec - seeing FWHM
 * @header PROGRAM str - observing program: dark, bright, …
 * @header FLAVOR str - exposure flavor: science or flat
 * @header MJD-OBS float d - modified Julian date when the shutter opened
 */
export interface CFrame {
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
   * Bit mask of each pixel (desispec specmask); 0 is good.
   * @hdu MASK
   * @dtype i32
   * @dims [fiber, wave]
   */
  readonly MASK: Image<Int32Array>;
  /**
   * Vacuum wavelength of each pixel, shared by all fibers.
   * @hdu WAVELENGTH
   * @dtype f64
   * @dims [wave]
   * @unit Angstrom
   */
  readonly WAVELENGTH: Image<Float64Array>;
  /**
   * Resolution matrix of each fiber as 11 diagonals with offsets +5 to -5 (scipy dia convention:
   * R[i, i+k] is stored at [fiber, 5-k, i+k]).
   * @hdu RESOLUTION
   * @dtype f32
   * @dims [fiber, diag=11, wave]
   */
  readonly RESOLUTION: Image<Float32Array>;
  /**
   * Fibermap rows of the petal's fibers, in fiber order. Its header holds the exposure's and tile's keywords,
   * as desispec's frames carry them in the FIBERMAP HDU (docs/sources.md#datamodel): the frame's
   * FIBERMAP header, of which these are guaranteed.
   * @hdu FIBERMAP
   * @header TILEID int - tile ID (as in the frame's header)
   * @header NIGHT int - night of the exposure, YYYYMMDD
   * @header EXPID int - exposure ID
   * @header FLAVOR str - exposure flavor: science or flat
   * @header PROGRAM str - observing program: dark, bright, …
   */
  readonly FIBERMAP: FibermapTable;
  /**
   * S/N and template S/N² of each fiber in this camera, in fiber order.
   * @hdu SCORES
   */
  readonly SCORES: CFrameScoresTable;
}
