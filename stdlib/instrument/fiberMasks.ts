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
  /** Fiber location information is missing. */
  MISSINGPOSITION: 1 << 8,
  /** Fiber more than 100 microns from the target location. */
  BADPOSITION: 1 << 9,
  /** Fiber has a bright neighbor affecting its flux. */
  BRIGHTNEIGHBOR: 1 << 11,
  /** Unusable fiber. */
  BADFIBER: 1 << 16,
  /** Bad trace solution. */
  BADTRACE: 1 << 17,
  /** Bad fiber flat. */
  BADFLAT: 1 << 18,
  /** Bad arc solution. */
  BADARC: 1 << 19,
  /** Object or calibration suspected to be variable (set by the coadd's per-exposure renormalisation). */
  VARIABLE: 1 << 20,
  /** More than 10 % of the spectral bins rejected in extraction. */
  MANYREJECTED: 1 << 21,
  /** Amplifier readout issues make the b camera's spectrum unusable. */
  BADAMPB: 1 << 22,
  /** Amplifier readout issues make the r camera's spectrum unusable. */
  BADAMPR: 1 << 23,
  /** Amplifier readout issues make the z camera's spectrum unusable. */
  BADAMPZ: 1 << 24,
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
