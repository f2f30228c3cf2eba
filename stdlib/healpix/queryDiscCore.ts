/**
 * The disc query of HEALPix C++ (`query_disc_internal`), reproduced operation for operation so
 * that the pixel sets equal healpy's, including the approximate inclusive mode.
 *
 * - RING scheme: walk the rings the disc can touch and, in each, intersect the ring's circle of
 *   latitude with the disc to get a longitude interval. Non-inclusive: pixels whose centres are
 *   in the disc. Inclusive with factor `fact`: widen the disc by the largest pixel radius, then
 *   trim the interval from both ends while a pixel's boundary points, sampled at `fact`·nside,
 *   all lie farther than radius + (max pixel radius at `fact`·nside) from the centre.
 * - NESTED scheme: descend the quadtree from the 12 base pixels, classifying each pixel by the
 *   distance of its centre against radius ± the largest pixel radius at its order: outside,
 *   maybe overlapping, centre inside, or wholly inside. Inclusive mode descends `log2 fact`
 *   orders below nside and keeps a pixel as soon as one sub-pixel centre is in the disc (or in
 *   the margin at the deepest order).
 */
import { PI, INV_TWO_PI } from "./constants.js";
import { makeGrid, type Grid } from "./Grid.js";
import { newLoc, newRingPos, newXyf, type Loc, type RingPos, type Xyf } from "./PixelCoords.js";
import { locToRing } from "./locToPixel.js";
import { nestToLoc, ringToLoc } from "./pixelToLoc.js";
import type { RangeSink } from "./RangeSink.js";
import { ringAbove, ringLength, ringShifted, ringToXyf, ringZ, xyfToRing } from "./ringGeometry.js";
import { cosDistZPhi, maxPixrad } from "./sphereMath.js";

/**
 * Which HEALPix C++ release to reproduce in RING inclusive mode. "3.83" (healpy ≥ 1.18) tests
 * the whole ring when a ring lies entirely inside the widened disc; "3.80" (healpy ≤ 1.17)
 * could skip the pixel diametrically opposite the centre in that case (healpy issue #968).
 */
export type QueryDiscRevision = "3.83" | "3.80";

/**
 * Reports to `sink` the pixels of `g` selected by the disc of `radius` radians around the
 * normalised direction (θ, φ). `fact` 0 selects centres inside the disc; `fact` ≥ 1 is the
 * inclusive mode with that oversampling (a power of two in the NESTED scheme).
 */
export function queryDiscInto(
  g: Grid,
  theta: number,
  phi: number,
  radius: number,
  fact: number,
  nest: boolean,
  sink: RangeSink,
  revision: QueryDiscRevision = "3.83",
): void {
  if (nest) queryNest(g, theta, phi, radius, fact, sink);
  else queryRing(g, theta, phi, radius, fact, sink, revision);
}

function queryRing(g: Grid, theta: number, phi: number, radius: number, fact: number, sink: RangeSink, revision: QueryDiscRevision): void {
  const inclusive = fact !== 0;
  const fct = inclusive ? fact : 1;
  const n = g.nside;
  const fine = fct > 1 ? makeGrid(fct * n) : g;
  let rsmall: number;
  let rbig: number;
  if (fct > 1) {
    rsmall = radius + maxPixrad(fine.nside);
    rbig = radius + maxPixrad(n);
  } else {
    rsmall = rbig = inclusive ? radius + maxPixrad(n) : radius;
  }
  if (rsmall >= PI) {
    sink.all();
    return;
  }
  rbig = Math.min(PI, rbig);
  const cosrsmall = Math.cos(rsmall);
  const cosrbig = Math.cos(rbig);
  const z0 = Math.cos(theta);
  const xa = 1 / Math.sqrt((1 - z0) * (1 + z0));

  const centre = newRingPos();
  locToRing(g, z0, phi, 0, false, centre);

  const rlat1 = theta - rsmall;
  let irmin = ringAbove(g, Math.cos(rlat1)) + 1;
  if (rlat1 <= 0 && irmin > 1) sink.ringsBefore(irmin); // the north pole is in the disc
  if (fct > 1 && rlat1 > 0) irmin = Math.max(1, irmin - 1);

  const rlat2 = theta + rsmall;
  let irmax = ringAbove(g, Math.cos(rlat2));
  if (fct > 1 && rlat2 < PI) irmax = Math.min(4 * n - 1, irmax + 1);

  const probe: RingProbe = { g, fine, fct, z0, phi, cosrsmall, centre, xyf: newXyf(), rp: newRingPos(), loc: newLoc() };
  // Every boundary sample of a pixel lies within maxPixrad(nside) of its centre, so a pixel whose
  // centre is farther than this from the disc centre cannot pass the overlap test.
  const reach = rsmall + maxPixrad(n) + SKIP_MARGIN;
  const near = { lo: -Infinity, hi: Infinity };
  for (let iz = irmin; iz <= irmax; iz++) {
    const z = ringZ(g, iz);
    const x = (cosrbig - z * z0) * xa;
    const ysq = 1 - z * z - x * x;
    let dphi: number;
    let fullCircle = false;
    if (ysq <= 0) {
      // The ring's circle does not cross the widened disc: it is wholly inside or outside.
      fullCircle = fct !== 1;
      dphi = fct === 1 ? 0 : PI - 1e-15;
    } else {
      dphi = Math.atan2(Math.sqrt(ysq), x);
    }
    if (!(dphi > 0)) continue;
    const nr = ringLength(g, iz);
    const shift = ringShifted(g, iz) ? 0.5 : 0;
    let lo = Math.floor(nr * INV_TWO_PI * (phi - dphi) - shift) + 1;
    let hi = Math.floor(nr * INV_TWO_PI * (phi + dphi) - shift);
    if (fullCircle && revision === "3.83" && hi - lo < nr - 1) {
      if (lo > 0) lo--;
      else hi++;
    }
    if (fct > 1) {
      // Trim the interval from both ends while pixels certainly miss the disc. Pixels outside
      // [near.lo, near.hi] are skipped without testing: the result is the same, but a ring that
      // the widened disc misses no longer costs 4·nside pixel tests (healpy's cost).
      candidatePixels(z, z0, phi, reach, nr, shift, near);
      while (lo <= hi) {
        if (lo < near.lo) lo = near.lo;
        else if (lo > near.hi) lo = hi + 1;
        else if (ringPixelMisses(probe, iz, lo, nr)) lo++;
        else break;
      }
      while (hi > lo) {
        if (hi > near.hi) hi = Math.max(near.hi, lo);
        else if (hi < near.lo) hi = lo;
        else if (ringPixelMisses(probe, iz, hi, nr)) hi--;
        else break;
      }
    }
    if (lo > hi) continue;
    if (hi >= nr) {
      lo -= nr;
      hi -= nr;
    }
    if (lo < 0) {
      sink.ringSpan(iz, 0, hi + 1);
      sink.ringSpan(iz, lo + nr, nr);
    } else {
      sink.ringSpan(iz, lo, hi + 1);
    }
  }
  if (rlat2 >= PI && irmax + 1 < 4 * n) sink.ringsFrom(irmax + 1); // the south pole is in the disc
}

/**
 * Slack, in radians, added to the distance beyond which pixels are skipped untested: far above
 * the rounding error of the distances (≈ 1e-16 relative), so a skipped pixel would have failed
 * the exact test too.
 */
const SKIP_MARGIN = 1e-6;

/**
 * Sets `out` to the range of (unwrapped) pixel indices of a ring of `nr` pixels at height `z`
 * whose centres may lie within `reach` of the direction (z0, φ0), with two pixels of slack on
 * each side; the whole line when that cannot be bounded (near the poles, or reach ≥ π), and an
 * empty range when no centre of the ring comes within reach.
 */
function candidatePixels(z: number, z0: number, phi0: number, reach: number, nr: number, shift: number, out: { lo: number; hi: number }): void {
  out.lo = -Infinity;
  out.hi = Infinity;
  const denom = Math.sqrt((1 - z * z) * (1 - z0 * z0));
  if (reach >= PI || !(denom > 1e-9)) return;
  // cos(distance) = z·z0 + denom·cos(Δφ) ≥ cos(reach)  ⇔  cos(Δφ) ≥ c.
  const c = (Math.cos(reach) - z * z0) / denom;
  if (c <= -1) return;
  if (c >= 1) {
    out.lo = Infinity;
    out.hi = -Infinity;
    return;
  }
  const dphi = Math.acos(c);
  const scale = nr * INV_TWO_PI;
  out.lo = Math.ceil(scale * (phi0 - dphi) - shift) - 2;
  out.hi = Math.floor(scale * (phi0 + dphi) - shift) + 2;
}

/** What the trimming test needs about the query: both grids, the centre and scratch records. */
interface RingProbe {
  readonly g: Grid;
  readonly fine: Grid;
  readonly fct: number;
  readonly z0: number;
  readonly phi: number;
  readonly cosrsmall: number;
  readonly centre: RingPos;
  readonly xyf: Xyf;
  readonly rp: RingPos;
  readonly loc: Loc;
}

/**
 * Whether pixel `k` (taken modulo the ring length) of ring `ring` certainly misses the disc:
 * it does not hold the centre, and none of its boundary points sampled at fct·nside (the
 * centres of the fine pixels along its four edges) is within the widened radius.
 */
function ringPixelMisses(p: RingProbe, ring: number, k: number, nr: number): boolean {
  let kk = k;
  if (kk >= nr) kk -= nr;
  if (kk < 0) kk += nr;
  if (ring === p.centre.ring && kk === p.centre.k) return false;
  ringToXyf(p.g, ring, kk, p.xyf);
  const { face, ix, iy } = p.xyf;
  const f = p.fct;
  const ox = f * ix;
  const oy = f * iy;
  for (let i = 0; i < f - 1; i++) {
    if (finePixelNear(p, ox + i, oy, face)) return false;
    if (finePixelNear(p, ox + f - 1, oy + i, face)) return false;
    if (finePixelNear(p, ox + f - 1 - i, oy + f - 1, face)) return false;
    if (finePixelNear(p, ox, oy + f - 1 - i, face)) return false;
  }
  return true;
}

/** Whether the centre of the fine RING pixel at (ix, iy, face) is within the widened radius. */
function finePixelNear(p: RingProbe, ix: number, iy: number, face: number): boolean {
  xyfToRing(p.fine, face, ix, iy, p.rp);
  ringToLoc(p.fine, p.rp.ring, p.rp.k, p.loc);
  return cosDistZPhi(p.loc.z, p.loc.phi, p.z0, p.phi) > p.cosrsmall;
}

function queryNest(g: Grid, theta: number, phi: number, radius: number, fact: number, sink: RangeSink): void {
  if (radius >= PI) {
    sink.all();
    return;
  }
  const inclusive = fact !== 0;
  const order = g.order;
  const omax = order + (inclusive ? Math.round(Math.log2(fact)) : 0);
  const z0 = Math.cos(theta);
  const cosrad = Math.cos(radius);
  // Per order: the grid, and cos(radius ± largest pixel radius) bounding "outside" and "inside".
  const grids: Grid[] = [];
  const cosOuter: number[] = [];
  const cosInner: number[] = [];
  for (let o = 0; o <= omax; o++) {
    grids.push(makeGrid(2 ** o));
    const dr = maxPixrad(2 ** o);
    cosOuter.push(radius + dr > PI ? -1 : Math.cos(radius + dr));
    cosInner.push(radius - dr < 0 ? 1 : Math.cos(radius - dr));
  }
  // Depth-first stack of (face, ix, iy, order), children pushed in reverse so that pixels
  // are visited, and reported, in ascending NESTED order.
  const sFace: number[] = [];
  const sX: number[] = [];
  const sY: number[] = [];
  const sO: number[] = [];
  const push = (face: number, ix: number, iy: number, o: number): void => {
    sFace.push(face);
    sX.push(ix);
    sY.push(iy);
    sO.push(o);
  };
  const pushChildren = (face: number, ix: number, iy: number, o: number): void => {
    for (let c = 3; c >= 0; c--) push(face, 2 * ix + (c & 1), 2 * iy + (c >> 1), o + 1);
  };
  const unwind = (top: number): void => {
    sFace.length = top;
    sX.length = top;
    sY.length = top;
    sO.length = top;
  };
  for (let f = 11; f >= 0; f--) push(f, 0, 0, 0);
  let stackTop = 0;
  const loc = newLoc();
  while (sFace.length > 0) {
    const face = sFace.pop() ?? 0;
    const ix = sX.pop() ?? 0;
    const iy = sY.pop() ?? 0;
    const o = sO.pop() ?? 0;
    const grid = grids[o] ?? g;
    nestToLoc(grid, face, ix, iy, loc);
    const cangdist = cosDistZPhi(z0, phi, loc.z, loc.phi);
    if (!(cangdist > (cosOuter[o] ?? -1))) continue; // wholly outside
    // 1: may overlap, centre outside; 2: centre inside; 3: wholly inside.
    const zone = cangdist < cosrad ? 1 : cangdist <= (cosInner[o] ?? 1) ? 2 : 3;
    if (o < order) {
      if (zone >= 3) sink.nestBlock(face, ix, iy, order - o);
      else pushChildren(face, ix, iy, o);
    } else if (o > order) {
      // Sub-pixels of a maybe-overlapping pixel at nside: keep the parent at the first hit.
      if (zone >= 2 || o >= omax) {
        const up = o - order;
        sink.nestBlock(face, Math.floor(ix / 2 ** up), Math.floor(iy / 2 ** up), 0);
        unwind(stackTop);
      } else {
        pushChildren(face, ix, iy, o);
      }
    } else if (zone >= 2) {
      sink.nestBlock(face, ix, iy, 0);
    } else if (inclusive) {
      if (order < omax) {
        stackTop = sFace.length;
        pushChildren(face, ix, iy, o);
      } else {
        sink.nestBlock(face, ix, iy, 0);
      }
    }
  }
}
