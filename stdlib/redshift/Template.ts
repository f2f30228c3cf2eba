/**
 * One PCA template of the redshift fitter, as redrock's `rrtemplate-*.fits` holds it
 * (docs/sources.md#redrock-templates): basis vectors on increasing vacuum rest wavelengths, the
 * spectral type and subtype, and the redshift grid of its coarse scan.
 */
export interface Template {
  /** GALAXY, QSO or STAR. */
  readonly spectype: string;
  /** Subtype (`LOZ`, `HIZ`, `K`, …), or "" for none. */
  readonly subtype: string;
  /** Version string of the template file. */
  readonly version: string;
  /** Rest wavelengths (Å, vacuum, increasing) of the basis samples. */
  readonly wave: Float64Array;
  /** Basis vectors, each `wave.length` samples (flux density; any normalisation). */
  readonly basis: readonly Float64Array[];
  /** The coarse-scan redshift grid (increasing). */
  readonly redshifts: Float64Array;
  /** True if the Lyman-series intergalactic transmission multiplies the model (quasars). */
  readonly igm: boolean;
  /** Where the template came from (file name or generator), for the output header. */
  readonly source: string;
}

/** `SPECTYPE` or `SPECTYPE:::SUBTYPE`, as redrock names a template. */
export function fullType(t: Template): string {
  return t.subtype === "" ? t.spectype : `${t.spectype}:::${t.subtype}`;
}
