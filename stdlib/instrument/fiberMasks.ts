/**
 * The bits of desispec's masks that the simulation sets (desihub/desispec `py/desispec/maskbits.py`,
 * commit efd9676); only bits desispec defines, with its numbers.
 */

/** FIBERSTATUS (fibermask) bits. */
export const FIBERSTATUS = {
  /** Fiber is not assigned to a known target or sky location. */
  UNASSIGNED: 1 << 0,
  /** Broken fiber. */
  BROKENFIBER: 1 << 2,
  /** Unusable fiber. */
  BADFIBER: 1 << 16,
  /** Bad trace solution. */
  BADTRACE: 1 << 17,
} as const;

/** Spectral pixel (specmask) bits of a frame's MASK. */
export const SPECMASK = {
  /** Input pixels included a masked cosmic. */
  COSMIC: 1 << 2,
  /** Bad fiber flat solution. */
  BADFIBERFLAT: 1 << 4,
  /** Bad sky model. */
  BADSKY: 1 << 6,
  /** The fiber's FIBERSTATUS has a non-zero bit. */
  BADFIBER: 1 << 9,
} as const;
