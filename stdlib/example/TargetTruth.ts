/**
 * One fiber's target as the simulation knows it: where it is and, for a TGT, its spectrum above
 * the atmosphere (a power-law continuum and one [OII] emission line).
 */
export interface TargetTruth {
  /** 2^58 + TILEID × 2^16 + FIBER. */
  readonly targetid: bigint;
  readonly fiber: number;
  /** Position (ICRS), in degrees. */
  readonly ra: number;
  readonly dec: number;
  /** `TGT` or `SKY`. */
  readonly objtype: "TGT" | "SKY";
  /** Continuum at 6000 Å, in 10^-17 erg/(s cm² Å); 0 for SKY. */
  readonly continuum: number;
  /** Power-law index of the continuum in λ. */
  readonly slope: number;
  /** Redshift of the emission line's source. */
  readonly redshift: number;
  /** Integrated line flux, in 10^-17 erg/(s cm²); 0 for SKY. */
  readonly lineFlux: number;
}
