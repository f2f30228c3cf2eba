/**
 * The eight pixels around a pixel, in healpy's `get_all_neighbours` order: SW, W, NW, N, NE, E,
 * SE, S, with -1 where there is none (the W, N, E or S neighbour of a pixel at a corner where
 * only three faces meet).
 */
import { bigintCodec } from "./bigintCodec.js";
import { checkNside } from "./checkNside.js";
import { makeGrid, type Grid } from "./Grid.js";
import { newScratch, pixelOfXyf, xyfOfPixel, type Scratch } from "./locate.js";
import { numberCodec } from "./numberCodec.js";
import type { PixelCodec } from "./PixelCodec.js";

// Steps in face coordinates (ix grows to the NE, iy to the NW) in the order SW, W, NW, N, NE, E, SE, S.
const STEP_X = [-1, -1, 0, 1, 1, 1, 0, -1] as const;
const STEP_Y = [0, 1, 1, 1, 0, -1, -1, -1] as const;

// A step that leaves the face crosses its SW (x < 0), NE (x ≥ nside), SE (y < 0) or NW
// (y ≥ nside) edge, or a corner; crossing c = (sx + 1) + 3·(sy + 1) with sx, sy ∈ {-1, 0, 1}.
// The tessellation is symmetric under rotation by a quarter turn, so the face reached from
// face (row, column) is the one reached from (row, 0), rotated by `column`: entry [3c + row]
// holds, for the first face of the row (0, 4 or 8), the face reached (-1: a corner with no
// face beyond), written row'·4 + column'.
// prettier-ignore
const FACE_ACROSS = [
  8, -1, 10, // S  (−1, −1)
  5, 8, 9, //  SE (0, −1)
  -1, 5, -1, // E  (+1, −1)
  4, 11, 11, // SW (−1, 0)
  0, 4, 8, //  same face
  1, 0, 5, //  NE (+1, 0)
  -1, 7, -1, // W  (−1, +1)
  3, 3, 4, //  NW (0, +1)
  2, -1, 0, // N  (+1, +1)
] as const;

// Re-orientation of the coordinates on the face reached, same indexing: bit 1 mirrors x,
// bit 2 mirrors y, bit 4 swaps them. Only crossings between two polar faces re-orient.
// prettier-ignore
const REORIENT = [
  0, 0, 3, // S
  0, 0, 6, // SE
  0, 0, 0, // E
  0, 0, 5, // SW
  0, 0, 0, // same face
  5, 0, 0, // NE
  0, 0, 0, // W
  6, 0, 0, // NW
  3, 0, 0, // N
] as const;

/** Writes the eight neighbours of a validated pixel into `out`. */
export function neighboursOf<P extends number | bigint>(codec: PixelCodec<P>, g: Grid, pix: P, nest: boolean, s: Scratch, out: P[]): void {
  const n = g.nside;
  const { face, ix, iy } = xyfOfPixel(codec, g, pix, nest, s);
  const row = face >> 2;
  const column = face & 3;
  for (let m = 0; m < 8; m++) {
    let x = ix + (STEP_X[m] ?? 0);
    let y = iy + (STEP_Y[m] ?? 0);
    let crossing = 4;
    if (x < 0) {
      x += n;
      crossing -= 1;
    } else if (x >= n) {
      x -= n;
      crossing += 1;
    }
    if (y < 0) {
      y += n;
      crossing -= 3;
    } else if (y >= n) {
      y -= n;
      crossing += 3;
    }
    const across = FACE_ACROSS[3 * crossing + row] ?? -1;
    if (across < 0) {
      out[m] = codec.none;
      continue;
    }
    const f = (across & ~3) + ((across + column) & 3);
    const bits = REORIENT[3 * crossing + row] ?? 0;
    if (bits & 1) x = n - x - 1;
    if (bits & 2) y = n - y - 1;
    if (bits & 4) [x, y] = [y, x];
    out[m] = pixelOfXyf(codec, g, f, x, y, nest, s);
  }
}

function neighboursWith<P extends number | bigint>(codec: PixelCodec<P>, nside: number, pix: P, nest: boolean): P[] {
  const g = makeGrid(nside);
  codec.checkPixel(g, pix);
  const out: P[] = new Array<P>(8).fill(codec.none);
  neighboursOf(codec, g, pix, nest, newScratch(), out);
  return out;
}

/**
 * The eight neighbours of pixel `pix` (SW, W, NW, N, NE, E, SE, S; -1 where there is none),
 * equal to healpy's `get_all_neighbours(nside, pix, nest=nest)`. Throws a `RangeError` for an
 * invalid pixel or nside above 2^24 (use {@link neighboursBig}).
 */
export function neighbours(nside: number, pix: number, nest = false): number[] {
  checkNside(nside, nest, "number", "neighboursBig");
  return neighboursWith(numberCodec, nside, pix, nest);
}

/** {@link neighbours} for BigInt pixel numbers (-1n where there is none), nside up to 2^29. */
export function neighboursBig(nside: number, pix: bigint, nest = false): bigint[] {
  checkNside(nside, nest, "bigint");
  return neighboursWith(bigintCodec, nside, pix, nest);
}
