/**
 * Synthetic inputs for the fiber-assignment tests, built here rather than with stdlib/targets:
 * target tables with every TargetsTable column, mock TARGETIDs ≥ 2^58, tiles tables, and
 * uniform positions on a spherical cap.
 */
import type { Targets } from "../../stdlib/datamodel/Targets.js";
import type { TargetsTable } from "../../stdlib/datamodel/TargetsTable.js";
import type { TileTable } from "../../stdlib/datamodel/TileTable.js";
import type { Rng } from "../../stdlib/kernel.js";

/** desi_mask bits used by the tests (desitarget targetmask.yaml). */
export const BIT = {
  LRG: 1n << 0n,
  ELG: 1n << 1n,
  QSO: 1n << 2n,
  SKY: 1n << 32n,
  STD_FAINT: 1n << 33n,
  BAD_SKY: 1n << 36n,
  SUPP_SKY: 1n << 37n,
  BGS_ANY: 1n << 60n,
} as const;

/** One synthetic target. */
export interface SynthTarget {
  readonly ra: number;
  readonly dec: number;
  readonly desi: bigint;
  readonly priority: number;
  readonly obs?: number;
  readonly bgs?: bigint;
  readonly sub?: number;
}

/** A target of a class with DESI's initial priority (desitarget targetmask.yaml); sky and standards get −1. */
export function target(cls: "QSO" | "LRG" | "ELG" | "SKY" | "STD", ra: number, dec: number): SynthTarget {
  switch (cls) {
    case "QSO":
      return { ra, dec, desi: BIT.QSO, priority: 3400 };
    case "LRG":
      return { ra, dec, desi: BIT.LRG, priority: 3200 };
    case "ELG":
      return { ra, dec, desi: BIT.ELG, priority: 3000 };
    case "SKY":
      return { ra, dec, desi: BIT.SKY, priority: -1 };
    case "STD":
      return { ra, dec, desi: BIT.STD_FAINT, priority: -1 };
  }
}

/**
 * A TARGETS table: TARGETID = 2^58 | RELEASE << 42 | BRICKID << 22 | OBJID with BRICKID the
 * pixel and OBJID the row; SUBPRIORITY from the row (`sub`) or a fixed hash of the row.
 * `omitSubpriority` leaves the column out, as a table without it would arrive.
 */
export function targetsTable(rows: readonly SynthTarget[], pixel: number, omitSubpriority = false): TargetsTable {
  const n = rows.length;
  const release = 9010;
  const f32 = (v: (i: number) => number): Float32Array => Float32Array.from({ length: n }, (_, i) => v(i));
  const table: TargetsTable = {
    TARGETID: BigInt64Array.from(rows, (_, i) => (1n << 58n) | (BigInt(release) << 42n) | (BigInt(pixel) << 22n) | BigInt(i)),
    RA: Float64Array.from(rows, (r) => r.ra),
    DEC: Float64Array.from(rows, (r) => r.dec),
    RELEASE: new Int16Array(n).fill(release),
    BRICKNAME: rows.map(() => `hp${pixel}`.slice(0, 8)),
    BRICKID: new Int32Array(n).fill(pixel),
    BRICK_OBJID: Int32Array.from(rows, (_, i) => i),
    MORPHTYPE: rows.map((r) => ((r.desi & (BIT.QSO | BIT.STD_FAINT)) !== 0n ? "PSF" : "EXP")),
    EBV: f32(() => 0.03),
    FLUX_G: f32((i) => 1 + (i % 7)),
    FLUX_R: f32((i) => 2 + (i % 5)),
    FLUX_Z: f32((i) => 3 + (i % 3)),
    FLUX_W1: f32(() => 4),
    FLUX_W2: f32(() => 5),
    FLUX_IVAR_G: f32(() => 100),
    FLUX_IVAR_R: f32(() => 50),
    FLUX_IVAR_Z: f32(() => 20),
    FLUX_IVAR_W1: f32(() => 1),
    FLUX_IVAR_W2: f32(() => 0.5),
    FIBERFLUX_G: f32((i) => 0.7 * (1 + (i % 7))),
    FIBERFLUX_R: f32((i) => 0.7 * (2 + (i % 5))),
    FIBERFLUX_Z: f32((i) => 0.7 * (3 + (i % 3))),
    FIBERTOTFLUX_G: f32((i) => 0.8 * (1 + (i % 7))),
    FIBERTOTFLUX_R: f32((i) => 0.8 * (2 + (i % 5))),
    FIBERTOTFLUX_Z: f32((i) => 0.8 * (3 + (i % 3))),
    SHAPE_R: f32(() => 0.5),
    PHOTSYS: rows.map((r) => (r.dec > 32.375 ? "N" : "S")),
    DESI_TARGET: BigInt64Array.from(rows, (r) => r.desi),
    BGS_TARGET: BigInt64Array.from(rows, (r) => r.bgs ?? 0n),
    MWS_TARGET: new BigInt64Array(n),
    SCND_TARGET: new BigInt64Array(n),
    PRIORITY_INIT: BigInt64Array.from(rows, (r) => BigInt(r.priority)),
    SUBPRIORITY: Float64Array.from(rows, (r, i) => r.sub ?? fract(Math.sin(i * 12.9898 + pixel * 78.233) * 43758.5453)),
    NUMOBS_INIT: BigInt64Array.from(rows, (r) => (r.priority > 0 ? 2n : 1n)),
    OBSCONDITIONS: Int32Array.from(rows, (r) => r.obs ?? 0b11),
    HPXPIXEL: new BigInt64Array(n).fill(BigInt(pixel)),
  };
  if (!omitSubpriority) return table;
  const { SUBPRIORITY: _dropped, ...rest } = table;
  return rest as TargetsTable;
}

function fract(v: number): number {
  return v - Math.floor(v);
}

/** A target file of one pixel. */
export function targetsFile(rows: readonly SynthTarget[], pixel: number, omitSubpriority = false): Targets {
  return { header: { HPXPIXEL: pixel, HPXNSIDE: 64, HPXNEST: true }, TARGETS: targetsTable(rows, pixel, omitSubpriority) };
}

/** A tiles table. */
export function tileTable(tiles: readonly { id: number; ra: number; dec: number; program?: string }[]): TileTable {
  return {
    meta: {},
    TILEID: Int32Array.from(tiles, (t) => t.id),
    RA: Float64Array.from(tiles, (t) => t.ra),
    DEC: Float64Array.from(tiles, (t) => t.dec),
    PASS: new Int16Array(tiles.length),
    PROGRAM: tiles.map((t) => t.program ?? "DARK"),
    IN_DESI: new Int16Array(tiles.length).fill(1),
    EBV_MED: new Float32Array(tiles.length).fill(0.03),
  };
}

/** `n` positions uniform on the cap of radius `radiusDeg` around (ra0, dec0), from `rng`. */
export function capPositions(rng: Rng, ra0: number, dec0: number, radiusDeg: number, n: number): { ra: number; dec: number }[] {
  const d2r = Math.PI / 180;
  const cosMax = Math.cos(radiusDeg * d2r);
  const out: { ra: number; dec: number }[] = [];
  // Uniform on the cap about the pole, then rotated to (ra0, dec0).
  const a0 = ra0 * d2r;
  const d0 = dec0 * d2r;
  for (let i = 0; i < n; i++) {
    const z = 1 - rng.uniform() * (1 - cosMax);
    const phi = 2 * Math.PI * rng.uniform();
    const s = Math.sqrt(1 - z * z);
    // Local frame: east, north, centre.
    const e = s * Math.cos(phi);
    const nn = s * Math.sin(phi);
    const vx = z * Math.cos(d0) * Math.cos(a0) - e * Math.sin(a0) - nn * Math.sin(d0) * Math.cos(a0);
    const vy = z * Math.cos(d0) * Math.sin(a0) + e * Math.cos(a0) - nn * Math.sin(d0) * Math.sin(a0);
    const vz = z * Math.sin(d0) + nn * Math.cos(d0);
    let ra = Math.atan2(vy, vx) / d2r;
    if (ra < 0) ra += 360;
    out.push({ ra, dec: Math.asin(Math.max(-1, Math.min(1, vz))) / d2r });
  }
  return out;
}

/** Angular distance in degrees (haversine). */
export function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const d2r = Math.PI / 180;
  const sdd = Math.sin(((dec2 - dec1) * d2r) / 2);
  const sda = Math.sin(((ra2 - ra1) * d2r) / 2);
  const h = sdd * sdd + Math.cos(dec1 * d2r) * Math.cos(dec2 * d2r) * sda * sda;
  return (2 * Math.asin(Math.min(1, Math.sqrt(h)))) / d2r;
}
