import type { Header } from "./values.js";
/**
 * The TRUTH table of a mock: one row per target of a target file, in the same order, with what the
 * simulation knows and a redshift fitter must find: the true redshift and class, the template and
 * the parameters that rebuild the spectrum from (SEED, TARGETID) (docs/sources.md#templates).
 *
 * Parameters that do not apply to a target's template class are 0.
 *
 * @table
 */
export interface TruthTable {
  /** The HDU's own header, when its HDU member declares keywords with `@header` (the mock's TRUTH: FILENSID, FILENEST, FILEHPX); not a column. */
  readonly header?: Header;
  /**
   * Unique DESI target ID; mock targets set bit 58 (MOCK), so every mock ID is at least 2^58.
   * @column TARGETID i64
   */
  readonly TARGETID: BigInt64Array;
  /**
   * ID of the object in the mock catalogue it was drawn from.
   * @column MOCKID i64
   */
  readonly MOCKID: BigInt64Array;
  /**
   * True redshift; systemic for quasars, 0 for sky.
   * @column TRUEZ f64
   */
  readonly TRUEZ: Float64Array;
  /**
   * True spectral class: GALAXY, QSO, STAR, or SKY for a blank-sky position.
   * @column TRUESPECTYPE str10
   */
  readonly TRUESPECTYPE: readonly string[];
  /**
   * Template class the spectrum is built from: ELG, LRG, BGS, QSO, STAR, WD or SKY.
   * @column TEMPLATETYPE str10
   */
  readonly TEMPLATETYPE: readonly string[];
  /**
   * Template subclass (e.g. DA or DB for a white dwarf, LYA for a quasar with forest); may be
   * blank.
   * @column TEMPLATESUBTYPE str10
   */
  readonly TEMPLATESUBTYPE: readonly string[];
  /**
   * Seed that, with TARGETID and the parameters below, rebuilds the spectrum.
   * @column SEED i64
   */
  readonly SEED: BigInt64Array;
  /**
   * AB magnitude the spectrum is normalised to, in MAGFILTER.
   * @column MAG f32 mag
   */
  readonly MAG: Float32Array;
  /**
   * Filter of MAG, e.g. decam2014-r.
   * @column MAGFILTER str15
   */
  readonly MAGFILTER: readonly string[];
  /**
   * Total flux in the g band (AB), intrinsic (before Galactic extinction); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_G f32 nanomaggy
   */
  readonly FLUX_G: Float32Array;
  /**
   * Total flux in the r band (AB), intrinsic (before Galactic extinction); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_R f32 nanomaggy
   */
  readonly FLUX_R: Float32Array;
  /**
   * Total flux in the z band (AB), intrinsic (before Galactic extinction); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_Z f32 nanomaggy
   */
  readonly FLUX_Z: Float32Array;
  /**
   * Total flux in the W1 band (AB), intrinsic (before Galactic extinction); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_W1 f32 nanomaggy
   */
  readonly FLUX_W1: Float32Array;
  /**
   * Total flux in the W2 band (AB), intrinsic (before Galactic extinction); m = 22.5 - 2.5 log10(flux).
   * @column FLUX_W2 f32 nanomaggy
   */
  readonly FLUX_W2: Float32Array;
  /**
   * Integrated flux of the [OII] 3727,3729 doublet.
   * @column OIIFLUX f32 erg/(s cm2)
   */
  readonly OIIFLUX: Float32Array;
  /**
   * Integrated flux of H-beta.
   * @column HBETAFLUX f32 erg/(s cm2)
   */
  readonly HBETAFLUX: Float32Array;
  /**
   * Velocity dispersion of the galaxy.
   * @column VDISP f32 km/s
   */
  readonly VDISP: Float32Array;
  /**
   * Strength of the galaxy continuum's 4000 Angstrom break.
   * @column D4000 f32
   */
  readonly D4000: Float32Array;
  /**
   * log10 of the [OIII] 5008 to H-beta flux ratio.
   * @column OIIIHBETA f32
   */
  readonly OIIIHBETA: Float32Array;
  /**
   * Flux ratio of the [OII] 3726 and 3729 lines.
   * @column OIIDOUBLET f32
   */
  readonly OIIDOUBLET: Float32Array;
  /**
   * Effective temperature of the star.
   * @column TEFF f32 K
   */
  readonly TEFF: Float32Array;
  /**
   * log10 of the surface gravity of the star, in cm/s^2.
   * @column LOGG f32
   */
  readonly LOGG: Float32Array;
  /**
   * Iron abundance [Fe/H] of the star, in dex.
   * @column FEH f32
   */
  readonly FEH: Float32Array;
}
