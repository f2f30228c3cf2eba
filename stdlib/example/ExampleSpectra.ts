import type { Header, Image } from "../datamodel/values.js";
import type { ExampleSpectraFibermapTable } from "./ExampleSpectraFibermapTable.js";

/**
 * The calibrated spectra of one healpix pixel: every exposure's spectrum of every fiber whose
 * TARGET_RA/DEC falls in the pixel, regrouped from the exposures' cframes (a reduced DESI
 * `spectra-{SURVEY}-{PROGRAM}-{PIXNUM}.fits`, docs/sources.md#healpix, without MASK, RESOLUTION and
 * SCORES). Row i of every band image is row i of FIBERMAP; a band with no cframe has zero
 * wavelengths.
 *
 * @format fits
 * @header HPXPIXEL int - nested healpix pixel
 * @header HPXNSIDE int - healpix nside
 * @header HPXNEST bool - true: nested pixel numbering
 */
export interface ExampleSpectra {
  /** Primary header (the primary HDU has no data). */
  readonly header: Header;
  /**
   * One row per spectrum.
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: ExampleSpectraFibermapTable;
  /**
   * Vacuum wavelength of each pixel of the b band.
   * @hdu B_WAVELENGTH
   * @dtype f64
   * @dims [wave_b]
   * @unit Angstrom
   */
  readonly B_WAVELENGTH: Image<Float64Array>;
  /**
   * Calibrated flux of each spectrum in the b band.
   * @hdu B_FLUX
   * @dtype f32
   * @dims [spectrum, wave_b]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly B_FLUX: Image<Float32Array>;
  /**
   * Inverse variance of B_FLUX; 0 where a pixel has no information.
   * @hdu B_IVAR
   * @dtype f32
   * @dims [spectrum, wave_b]
   * @unit 10**+34 (s2 cm4 Angstrom2) / erg2
   */
  readonly B_IVAR: Image<Float32Array>;
  /**
   * Vacuum wavelength of each pixel of the r band.
   * @hdu R_WAVELENGTH
   * @dtype f64
   * @dims [wave_r]
   * @unit Angstrom
   */
  readonly R_WAVELENGTH: Image<Float64Array>;
  /**
   * Calibrated flux of each spectrum in the r band.
   * @hdu R_FLUX
   * @dtype f32
   * @dims [spectrum, wave_r]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly R_FLUX: Image<Float32Array>;
  /**
   * Inverse variance of R_FLUX; 0 where a pixel has no information.
   * @hdu R_IVAR
   * @dtype f32
   * @dims [spectrum, wave_r]
   * @unit 10**+34 (s2 cm4 Angstrom2) / erg2
   */
  readonly R_IVAR: Image<Float32Array>;
  /**
   * Vacuum wavelength of each pixel of the z band.
   * @hdu Z_WAVELENGTH
   * @dtype f64
   * @dims [wave_z]
   * @unit Angstrom
   */
  readonly Z_WAVELENGTH: Image<Float64Array>;
  /**
   * Calibrated flux of each spectrum in the z band.
   * @hdu Z_FLUX
   * @dtype f32
   * @dims [spectrum, wave_z]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly Z_FLUX: Image<Float32Array>;
  /**
   * Inverse variance of Z_FLUX; 0 where a pixel has no information.
   * @hdu Z_IVAR
   * @dtype f32
   * @dims [spectrum, wave_z]
   * @unit 10**+34 (s2 cm4 Angstrom2) / erg2
   */
  readonly Z_IVAR: Image<Float32Array>;
}
