/**
 * A Gaussian emission line with an absolute flux, in the observed frame: what a galaxy's truth
 * fluxes (OIIFLUX, HBETAFLUX and the ratios) become.
 */
export interface EmissionLine {
  /** Observed vacuum centre, Å. */
  readonly center: number;
  /** Observed Gaussian sigma, Å. */
  readonly sigma: number;
  /** Integrated flux in 1e-17 erg/(s cm²). */
  readonly flux: number;
}
