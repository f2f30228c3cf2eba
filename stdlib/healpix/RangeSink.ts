/**
 * Collects the pixels a query finds as sorted, merged half-open ranges [start, end) of pixel
 * numbers. The query speaks in ring and face coordinates; the sink turns them into `number` or
 * `bigint` pixel numbers through a codec, so one algorithm serves both representations.
 */
import type { Grid } from "./Grid.js";
import type { PixelCodec } from "./PixelCodec.js";

/** Where a query reports the pixels it selects, in ascending pixel order. */
export interface RangeSink {
  /** Every pixel of the sphere. */
  all(): void;
  /** Pixels `lo` ≤ k < `hi` of ring `ring` (RING scheme). */
  ringSpan(ring: number, lo: number, hi: number): void;
  /** Every pixel of rings 1..`ring`−1 (RING scheme). */
  ringsBefore(ring: number): void;
  /** Every pixel of rings `ring`..4·nside−1 (RING scheme). */
  ringsFrom(ring: number): void;
  /** The 4^`shift` NESTED pixels of the block whose corner pixel is (face, ix·2^shift, iy·2^shift). */
  nestBlock(face: number, ix: number, iy: number, shift: number): void;
}

/** A {@link RangeSink} that keeps the ranges as a flat list [start0, end0, start1, end1, …]. */
export interface RangeCollector<P extends number | bigint> extends RangeSink {
  readonly ranges: P[];
}

/** A collector for the pixel numbers of `g` in the representation of `codec`. */
export function createRangeCollector<P extends number | bigint>(codec: PixelCodec<P>, g: Grid): RangeCollector<P> {
  const ranges: P[] = [];
  const npix = (): P => codec.ringStart(g, 4 * g.nside);
  // Same contract as HEALPix's rangeset append: ranges arrive sorted by start and may
  // touch or overlap the last one, which then grows.
  const append = (start: P, end: P): void => {
    if (end <= start) return;
    const last = ranges.length - 1;
    const lastEnd = ranges[last];
    const lastStart = ranges[last - 1];
    if (lastEnd !== undefined && lastStart !== undefined && start <= lastEnd) {
      if (start < lastStart) throw new Error("internal error in healpix: query ranges arrived out of order");
      if (end > lastEnd) ranges[last] = end;
      return;
    }
    ranges.push(start, end);
  };
  return {
    ranges,
    all: () => append(codec.ringStart(g, 1), npix()),
    ringSpan: (ring, lo, hi) => {
      const start = codec.ringStart(g, ring);
      append(codec.offset(start, lo), codec.offset(start, hi));
    },
    ringsBefore: (ring) => append(codec.ringStart(g, 1), codec.ringStart(g, ring)),
    ringsFrom: (ring) => append(codec.ringStart(g, ring), npix()),
    nestBlock: (face, ix, iy, shift) => {
      const scale = 2 ** shift;
      const start = codec.encodeNest(g, face, ix * scale, iy * scale);
      append(start, codec.offset(start, scale * scale));
    },
  };
}
