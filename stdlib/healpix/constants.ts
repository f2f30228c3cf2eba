/**
 * Numerical constants of the HEALPix geometry and the limits of this implementation.
 *
 * The angular constants are the IEEE-754 doubles nearest to the exact values, written the
 * way the HEALPix C++ library spells them, so that every floating-point step matches it
 * bit for bit (`INV_HALF_PI` is the literal 2/π, not `1 / HALF_PI`, which may round
 * differently; `INV_TWO_PI` is the quotient `1 / TWO_PI`, as in the reference).
 */

/** π. */
export const PI = 3.141592653589793;
/** π / 2. */
export const HALF_PI = 1.5707963267948966;
/** 2π. */
export const TWO_PI = 6.283185307179586;
/** 2 / π, rounded once from the exact value. */
export const INV_HALF_PI = 0.6366197723675814;
/** 1 / (2π), the double quotient `1 / TWO_PI`. */
export const INV_TWO_PI = 1 / TWO_PI;
/** 2 / 3: |cos θ| above it is a polar cap, below it the equatorial belt. */
export const TWO_THIRDS = 2 / 3;
/** π / 180, the factor of `numpy.radians`. */
export const DEG_TO_RAD = PI / 180;
/** 180 / π, the factor of `numpy.degrees`. */
export const RAD_TO_DEG = 180 / PI;

/** The largest colatitude accepted: π plus healpy's 1e-5 of slack for rounding (θ beyond π is reflected through the pole). */
export const THETA_MAX = PI + 1e-5;

/** Largest HEALPix order (log2 nside) supported, as in healpy and HEALPix C++ with 64-bit pixels. */
export const MAX_ORDER = 29;
/** Largest nside supported by the BigInt API: 2^29, where npix = 12·4^29 ≈ 3.5e18 < 2^63. */
export const MAX_NSIDE = 2 ** MAX_ORDER;
/** Largest order whose pixel numbers the `number` API represents exactly. */
export const MAX_EXACT_ORDER = 24;
/**
 * Largest nside accepted by the `number` API: 2^24, where npix = 12·4^24 ≈ 3.4e15 < 2^53,
 * so every pixel number (and every sum formed while computing one) is an exact double.
 */
export const MAX_EXACT_NSIDE = 2 ** MAX_EXACT_ORDER;
