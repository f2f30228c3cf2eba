import { capPoint } from "./capPoint.js";
import type { TargetTruth } from "./TargetTruth.js";
import { truthStream } from "./truthStream.js";

/** Every `SKY_EVERY`-th fiber (fibers 4, 9, 14, …) is a sky fiber. */
export const SKY_EVERY = 5;

/** The truth stream label of target draws. */
const TARGETS = 1;

const MOCK_BIT = 1n << 58n;

/**
 * The targets of tile `tileid` pointed at (`ra0`, `dec0`), one per fiber, uniform over the
 * spherical cap of `radius` degrees around the pointing, drawn from the truth stream of
 * (`simseed`, tile). TARGETID is 2^58 + TILEID × 2^16 + FIBER, so the same tile always holds the
 * same targets and IDs never collide. Every fifth fiber is SKY; the others are TGT with a
 * continuum of 0.3–3 (10^-17 erg/(s cm² Å) at 6000 Å), a slope of -2 to 0, an [OII] line at
 * redshift 0.6–1.6 with 5–30 × 10^-17 erg/(s cm²).
 */
export function tileTargets(simseed: number, tileid: number, ra0: number, dec0: number, nfiber: number, radius: number): TargetTruth[] {
  if (!Number.isInteger(nfiber) || nfiber < 0 || nfiber > 65536) throw new RangeError(`NFIBER ${nfiber} is not an integer in [0, 65536]`);
  if (!Number.isInteger(tileid) || tileid < 0) throw new RangeError(`TILEID ${tileid} of a science exposure is not a non-negative integer`);
  if (!(radius > 0 && radius < 90)) throw new RangeError(`field radius ${radius} deg is not in (0, 90)`);
  const rng = truthStream(simseed, TARGETS, tileid);
  const out: TargetTruth[] = [];
  for (let fiber = 0; fiber < nfiber; fiber++) {
    const [ra, dec] = capPoint(ra0, dec0, radius, rng.uniform(), rng.uniform());
    const continuum = 10 ** (rng.uniform() - 0.5);
    const slope = -2 * rng.uniform();
    const redshift = 0.6 + rng.uniform();
    const lineFlux = 5 + 25 * rng.uniform();
    const sky = fiber % SKY_EVERY === SKY_EVERY - 1;
    out.push({
      targetid: MOCK_BIT + (BigInt(tileid) << 16n) + BigInt(fiber),
      fiber,
      ra,
      dec,
      objtype: sky ? "SKY" : "TGT",
      continuum: sky ? 0 : continuum,
      slope,
      redshift,
      lineFlux: sky ? 0 : lineFlux,
    });
  }
  return out;
}
