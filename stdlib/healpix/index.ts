/**
 * HEALPix pixelisation of the sphere (Górski et al. 2005, ApJ 622, 759), written for dflow
 * from the published algorithms and validated against healpy, which the tests run on the same
 * inputs. DESI groups targets by `radec2pix(64, TARGET_RA, TARGET_DEC, true)` (nside 64,
 * NESTED); `radec2pixArray` does the same for whole columns.
 *
 * ## Pixel numbers: `number` up to nside 2^24, `bigint` up to 2^29
 *
 * A map at nside has npix = 12·nside² pixels. JavaScript numbers are exact integers below
 * 2^53 ≈ 9.0e15, and 12·4^24 ≈ 3.4e15 < 2^53 < 12·4^25 ≈ 1.4e16, so:
 *
 * - the plain functions (`ang2pix`, `nest2ring`, `queryDisc`, …) take and return pixel
 *   numbers as `number` and accept nside up to 2^24 = 16 777 216 (`MAX_EXACT_NSIDE`); every
 *   pixel number and every intermediate sum is then an exact integer;
 * - above 2^24 they throw a `RangeError` that names the BigInt variant, never a rounded
 *   pixel number;
 * - the `…Big` variants take and return `bigint` pixel numbers and accept every nside up to
 *   2^29 = 536 870 912 (`MAX_NSIDE`, as healpy), where npix = 12·4^29 ≈ 3.5e18 < 2^63, so the
 *   values also fit `BigInt64Array` and FITS `K` columns.
 *
 * Only pixel numbers need 62 bits: face coordinates and ring indices stay below 2^31 at every
 * nside, and the geometry works on them in doubles, step for step as HEALPix C++ does; a codec
 * turns them into `number` or `bigint` at the end. For speed, the `number` API locates points
 * with a 32-bit integer twin of that code (exact below nside 2^24); both are tested.
 *
 * ## Agreement with healpy
 *
 * - Integer results (ang2pix, radec2pix, vec2pix, nest2ring, ring2nest, neighbours,
 *   queryDisc) equal healpy's for the same double inputs, with one unavoidable exception: a
 *   direction within about an ulp of a pixel edge, whose pixel then hangs on the last bit of
 *   cos (ang2pix) or atan2 (vec2pix). V8's `Math` functions and glibc's libm (neither
 *   correctly rounded) disagree in that bit for a few percent of arguments; the tests show
 *   such ties only for vectors built exactly on edges and vertices, never on random input.
 * - `pix2ang` and `pix2radec` return φ and ra bit for bit, θ within one ulp (acos and atan2
 *   round differently for about 8% of pixels); `pix2vec` within two ulps.
 * - `queryDisc` follows HEALPix C++ 3.83 (healpy ≥ 1.18). RING inclusive results differ from
 *   older releases only where those missed the pixel opposite the disc centre (healpy #968).
 *   Like healpy, a NESTED query whose radius exceeds π − 0.84 drops the base face centred
 *   exactly at the antipode of the disc centre. Membership is decided on cosines of distances,
 *   which resolve about 1e-16/d radians: at nside ≥ 2^25 with discs of a few pixels that is
 *   comparable to a pixel, and results there depend on the last bit of cos (healpy's as well).
 *   Where healpy's RING inclusive query tests every pixel of rings the disc misses (4·nside
 *   of them, minutes at nside 2^27), dflow skips pixels provably out of reach.
 *
 * ## Conventions (healpy's)
 *
 * - Angles in radians, θ = colatitude ∈ [0, π] (healpy's 1e-5 of slack beyond π is
 *   accepted and reflected through the pole), φ any finite longitude; RA/Dec in degrees with
 *   θ = π/2 − dec·π/180, φ = ra·π/180.
 * - `nest` false (default) is the RING scheme, which accepts any integer nside; the NESTED
 *   scheme and `nest2ring`/`ring2nest` need a power of two.
 * - `pix2ang` returns φ ∈ [0, 2π); `pix2radec` ra ∈ [0, 360).
 * - `neighbours` lists SW, W, NW, N, NE, E, SE, S with -1 where there is none.
 *
 * Invalid arguments throw `RangeError` with a message naming the value (and its index, for
 * the array functions). Nothing is cached between calls.
 */
export { MAX_EXACT_NSIDE, MAX_NSIDE } from "./constants.js";
export type { Angles, AnglesArrays, RaDec, RaDecArrays, Vec3 } from "./types.js";
export type { PixelApi } from "./checkNside.js";
export { isNsideValid } from "./checkNside.js";
export { checkNestedNside } from "./checkNestedNside.js";
export { nside2npix, nside2npixBig } from "./nside2npix.js";
export { npix2nside } from "./npix2nside.js";
export { nside2order, order2nside } from "./order2nside.js";
export { nside2resol } from "./nside2resol.js";
export { nside2pixarea } from "./nside2pixarea.js";
export { ang2pix, ang2pixBig } from "./ang2pix.js";
export { radec2pix, radec2pixBig } from "./radec2pix.js";
export { pix2ang, pix2angBig } from "./pix2ang.js";
export { pix2radec, pix2radecBig } from "./pix2radec.js";
export { vec2pix, vec2pixBig } from "./vec2pix.js";
export { pix2vec, pix2vecBig } from "./pix2vec.js";
export { nest2ring, nest2ringBig, ring2nest, ring2nestBig } from "./nest2ring.js";
export { neighbours, neighboursBig } from "./neighbours.js";
export { ang2pixArray, ang2pixArrayBig, radec2pixArray, radec2pixArrayBig, vec2pixArray, vec2pixArrayBig } from "./ang2pixArray.js";
export { pix2angArray, pix2radecArray } from "./pix2angArray.js";
export { nest2ringArray, ring2nestArray } from "./nest2ringArray.js";
export type { QueryDiscOptions } from "./queryDisc.js";
export { MAX_QUERY_PIXELS, queryDisc, queryDiscBig, queryDiscRanges, queryDiscRangesBig } from "./queryDisc.js";
