import type { FibermapTable } from "./FibermapTable.js";
import type { Header, Image } from "./values.js";

/**
 * The input of an exposure simulation (newexp): the flux entering each fiber on a fine wavelength
 * grid, with the fibermap and the observing conditions in the header (desisim
 * `simspec-{EXPID}.fits`, abridged). For a flat exposure FLUX is the calibration lamp spectrum.
 * desisim's per-camera photon HDUs and truth tables are not written: truth lives in the targets'
 * Truth files.
 *
 * @format fits
 * @header NIGHT int - night of the exposure, YYYYMMDD
 * @header EXPID int - exposure ID
 * @header TILEID int - tile ID
 * @header EXPTIME float s - shutter-open time
 * @header AIRMASS float - airmass
 * @header SEEING float arcsec - seeing FWHM
 * @header TRANSP float - atmospheric transparency, 0 to 1
 * @header MOONFRAC float - illuminated fraction of the moon
 * @header MOONALT float deg - altitude of the moon
 * @header MOONSEP float deg - separation between the moon and the tile
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
export interface SimSpec {
  /** Primary header, which is also the WAVE HDU's header. */
  readonly header: Header;
  /**
   * Vacuum wavelength grid of FLUX.
   * @hdu WAVE
   * @dtype f64
   * @dims [wave]
   * @unit Angstrom
   */
  readonly WAVE: Image<Float64Array>;
  /**
   * Flux of the source in each fiber above the atmosphere, before fiber losses; 0 for sky and
   * unassigned fibers.
   * @hdu FLUX
   * @dtype f32
   * @dims [fiber, wave]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly FLUX: Image<Float32Array>;
  /**
   * Fibermap of the exposure, one row per fiber in fiber order.
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: FibermapTable;
}
