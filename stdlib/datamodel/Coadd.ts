import type { CoaddFibermapTable } from "./CoaddFibermapTable.js";
import type { CoaddScoresTable } from "./CoaddScoresTable.js";
import type { ExpFibermapTable } from "./ExpFibermapTable.js";
import type { Header, Image } from "./values.js";

/**
 * Coadded spectra of one healpix pixel: one inverse-variance-weighted spectrum per target and band
 * over all its exposures (DESI `coadd-{SURVEY}-{PROGRAM}-{PIXNUM}.fits`, docs/sources.md#coadd, #datamodel), the
 * input of the redshift fitter. Row i of every band image is row i of FIBERMAP and SCORES.
 *
 * @format fits
 * @header SPGRP str - grouping of the spectra: healpix
 * @header SPGRPVAL int - grouping value: the healpix pixel
 * @header HPXPIXEL int - nested healpix pixel
 * @header HPXNSIDE int - healpix nside (64)
 * @header HPXNEST bool - true: nested pixel numbering
 * @header SURVEY str - survey: main, sv1, …
 * @header PROGRAM str - observing program: dark, bright, …
 */
export interface Coadd {
  /** Primary header (the primary HDU has no data). */
  readonly header: Header;
  /**
   * One row per target: the coadded fibermap.
   * @hdu FIBERMAP
   */
  readonly FIBERMAP: CoaddFibermapTable;
  /**
   * One row per target and coadded exposure.
   * @hdu EXP_FIBERMAP
   */
  readonly EXP_FIBERMAP: ExpFibermapTable;
  /**
   * Vacuum wavelength of each pixel of the b band.
   * @hdu B_WAVELENGTH
   * @dtype f64
   * @dims [wave_b]
   * @unit Angstrom
   */
  readonly B_WAVELENGTH: Image<Float64Array>;
  /**
   * Calibrated flux of each target in the b band.
   * @hdu B_FLUX
   * @dtype f32
   * @dims [target, wave_b]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly B_FLUX: Image<Float32Array>;
  /**
   * Inverse variance of B_FLUX.
   * @hdu B_IVAR
   * @dtype f32
   * @dims [target, wave_b]
   * @unit 10**+34 (s2 cm4 Angstrom2) / erg2
   */
  readonly B_IVAR: Image<Float32Array>;
  /**
   * Bit mask of each pixel of B_FLUX; 0 is good.
   * @hdu B_MASK
   * @dtype i32
   * @dims [target, wave_b]
   */
  readonly B_MASK: Image<Int32Array>;
  /**
   * Resolution matrix of each target as 11 diagonals with offsets +5 to -5 (scipy dia convention:
   * R[i, i+k] is stored at [target, 5-k, i+k]).
   * @hdu B_RESOLUTION
   * @dtype f32
   * @dims [target, diag=11, wave_b]
   */
  readonly B_RESOLUTION: Image<Float32Array>;
  /**
   * Vacuum wavelength of each pixel of the r band.
   * @hdu R_WAVELENGTH
   * @dtype f64
   * @dims [wave_r]
   * @unit Angstrom
   */
  readonly R_WAVELENGTH: Image<Float64Array>;
  /**
   * Calibrated flux of each target in the r band.
   * @hdu R_FLUX
   * @dtype f32
   * @dims [target, wave_r]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly R_FLUX: Image<Float32Array>;
  /**
   * Inverse variance of R_FLUX.
   * @hdu R_IVAR
   * @dtype f32
   * @dims [target, wave_r]
   * @unit 10**+34 (s2 cm4 Angstrom2) / erg2
   */
  readonly R_IVAR: Image<Float32Array>;
  /**
   * Bit mask of each pixel of R_FLUX; 0 is good.
   * @hdu R_MASK
   * @dtype i32
   * @dims [target, wave_r]
   */
  readonly R_MASK: Image<Int32Array>;
  /**
   * Resolution matrix of each target as 11 diagonals with offsets +5 to -5 (scipy dia convention:
   * R[i, i+k] is stored at [target, 5-k, i+k]).
   * @hdu R_RESOLUTION
   * @dtype f32
   * @dims [target, diag=11, wave_r]
   */
  readonly R_RESOLUTION: Image<Float32Array>;
  /**
   * Vacuum wavelength of each pixel of the z band.
   * @hdu Z_WAVELENGTH
   * @dtype f64
   * @dims [wave_z]
   * @unit Angstrom
   */
  readonly Z_WAVELENGTH: Image<Float64Array>;
  /**
   * Calibrated flux of each target in the z band.
   * @hdu Z_FLUX
   * @dtype f32
   * @dims [target, wave_z]
   * @unit 10**-17 erg/(s cm2 Angstrom)
   */
  readonly Z_FLUX: Image<Float32Array>;
  /**
   * Inverse variance of Z_FLUX.
   * @hdu Z_IVAR
   * @dtype f32
   * @dims [target, wave_z]
   * @unit 10**+34 (s2 cm4 Angstrom2) / erg2
   */
  readonly Z_IVAR: Image<Float32Array>;
  /**
   * Bit mask of each pixel of Z_FLUX; 0 is good.
   * @hdu Z_MASK
   * @dtype i32
   * @dims [target, wave_z]
   */
  readonly Z_MASK: Image<Int32Array>;
  /**
   * Resolution matrix of each target as 11 diagonals with offsets +5 to -5 (scipy dia convention:
   * R[i, i+k] is stored at [target, 5-k, i+k]).
   * @hdu Z_RESOLUTION
   * @dtype f32
   * @dims [target, diag=11, wave_z]
   */
  readonly Z_RESOLUTION: Image<Float32Array>;
  /**
   * One row per target: S/N and template S/N² of the coadd.
   * @hdu SCORES
   */
  readonly SCORES: CoaddScoresTable;
}
