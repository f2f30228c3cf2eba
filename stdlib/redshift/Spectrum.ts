/**
 * One band of one target's spectrum as the fitter reads it (a row of a coadd's `X_*` HDUs):
 * vacuum wavelengths (Å), flux (1e-17 erg/(s cm² Å)), inverse variance, optional mask (non-zero
 * is bad) and the resolution matrix as `ndiag` diagonals in the scipy dia layout of DESI files
 * (R[i, i+k] at [ndiag/2 − k, i + k], offsets +ndiag/2 … −ndiag/2).
 */
export interface Spectrum {
  readonly wave: Float64Array;
  readonly flux: ArrayLike<number>;
  readonly ivar: ArrayLike<number>;
  readonly mask?: ArrayLike<number>;
  readonly resolution: ArrayLike<number>;
  readonly ndiag: number;
}
