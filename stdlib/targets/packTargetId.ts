/** TARGETID bit 58: a mock target (desitarget targetmask.yaml `targetid_mask`; docs/sources.md#targetmask). */
export const MOCK_BIT = 1n << 58n;
/** TARGETID bit 59: a sky position. */
export const SKY_BIT = 1n << 59n;

/**
 * The largest nside whose nested pixel numbers fit the 20-bit BRICKID field of a TARGETID
 * (12·256² = 786 432 < 2^20 = 1 048 576; desitarget targetmask.yaml `targetid_mask`,
 * docs/sources.md#targetmask).
 */
export const MAX_TARGET_NSIDE = 256;

/**
 * The TARGETID of a target, as desitarget's `encode_targetid`: BRICK_OBJID in bits 0–21,
 * BRICKID 22–41, RELEASE 42–57, MOCK 58, SKY 59 (docs/sources.md#targetmask). Throws a RangeError for a
 * field that does not fit its bits.
 */
export function packTargetId(release: number, brickid: number, objid: number, mock: boolean, sky: boolean): bigint {
  const field = (name: string, v: number, bits: number): bigint => {
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) throw new RangeError(`${name} ${v} does not fit ${bits} bits of a TARGETID`);
    return BigInt(v);
  };
  return (
    (mock ? MOCK_BIT : 0n) |
    (sky ? SKY_BIT : 0n) |
    (field("RELEASE", release, 16) << 42n) |
    (field("BRICKID", brickid, 20) << 22n) |
    field("BRICK_OBJID", objid, 22)
  );
}
