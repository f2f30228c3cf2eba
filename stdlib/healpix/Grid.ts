/**
 * The per-resolution quantities every HEALPix computation starts from, computed once per call
 * (never cached across calls: the module keeps no state).
 */

/** Precomputed constants of one nside; pixel counts are doubles (exact below 2^53). */
export interface Grid {
  /** The resolution parameter. */
  readonly nside: number;
  /** log2(nside), or -1 when nside is not a power of two (RING scheme only). */
  readonly order: number;
  /** Pixels per base face, nside². */
  readonly npface: number;
  /** Pixels in one polar cap, 2·nside·(nside − 1). */
  readonly ncap: number;
  /** All pixels, 12·nside², rounded to the nearest double when above 2^53. */
  readonly npix: number;
  /** 4 / npix, the z step of the polar-cap rings (HEALPix C++ `fact2_`). */
  readonly fact2: number;
  /** 2·nside·fact2 = 2 / (3·nside), the z step of the equatorial rings (`fact1_`). */
  readonly fact1: number;
}

/** Builds the {@link Grid} of a (validated) nside. */
export function makeGrid(nside: number): Grid {
  // 12·nside² is exact in doubles up to nside 2^25; above, round the exact integer once,
  // as the C++ conversion from int64 does.
  const npix = nside <= 2 ** 25 ? 12 * nside * nside : Number(12n * BigInt(nside) ** 2n);
  const fact2 = 4 / npix;
  return {
    nside,
    order: (nside & (nside - 1)) === 0 ? Math.round(Math.log2(nside)) : -1,
    npface: nside * nside,
    ncap: 2 * (nside * nside - nside),
    npix,
    fact2,
    fact1: 2 * nside * fact2,
  };
}
