import type { FibermapTable } from "./FibermapTable.js";
import type { FrameScoresTable } from "./FrameScoresTable.js";
import type { Header, Image } from "./values.js";

/**
 * One camera's extracted spectra of one exposure, before any calibration: electrons per Angstrom
 * for each fiber of one petal (DESI `frame-{CAMERA}-{EXPID}.fits`, docs/sources.md#datamodel). Flat-lamp
 * exposures are frames too, with FLAVOR `flat`. DESI's optional CHI2PIX HDU is not written.
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
 * @header PROGRAM str - observing program in lower case: dark, bright, … (calib for a flat)
 * @header FLAVOR str - exposure flavor: science or flat
 * @header OBSTYPE str - exposure type: SCIENCE or FLAT
 * @header MJD-OBS float d - modified Julian date when the shutter opened
 * @header DATE-OBS str - date and time (UTC, ISO 8601) when the shutter opened
 * @header SURVEY str - survey of the tile: main, sv1, … (calib for a flat)
 * @header FAPRGRM str - fiber assignment's program of the tile: dark, bright, … (calib for a flat)
 * @header TILERA float deg - right ascension of the tile centre (0 for a flat)
 * @header TILEDEC float deg - declination of the tile centre (0 for a flat)
 */
export interface Frame {
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
   * as desispec's frames carry them in the FIBERMAP HDU (docs/sources.md#datamodel).
   * @hdu FIBERMAP
   * @header TILEID int - tile ID (as in the frame's header)
   * @header NIGHT int - night of the exposure, YYYYMMDD
   * @header EXPID int - exposure ID
   * @header FLAVOR str - exposure flavor: science or flat
   * @header OBSTYPE str - exposure type: SCIENCE or FLAT
   * @header SURVEY str - survey of the tile: main, sv1, … (calib for a flat)
   * @header PROGRAM str - observing program in lower case (calib for a flat)
   * @header FAPRGRM str - fiber assignment's program of the tile (calib for a flat)
   * @header TILERA float deg - right ascension of the tile centre (0 for a flat)
   * @header TILEDEC float deg - declination of the tile centre (0 for a flat)
   */
  readonly FIBERMAP: FibermapTable;
  /**
   * Scores of each fiber in this camera (the three columns of its band), in fiber order.
   * @hdu SCORES
   */
  readonly SCORES: FrameScoresTable;
}
