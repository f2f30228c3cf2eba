import type { TargetsTable } from "../datamodel/TargetsTable.js";
import type { Rng } from "../kernel.js";
import { FA_TYPE, TILE_RADIUS_DEG } from "./constants.js";
import { positionerGrid } from "./positionerGrid.js";
import { focalProjector } from "./radecToFocal.js";
import { faType, programObsconditions, TARGET_CLASSES, targetClass } from "./targetBits.js";

/** Class index of a target of none of `TARGET_CLASSES`. */
export const NO_CLASS = 255;

/**
 * The targets of a tile that at least one positioner reaches, as parallel columns indexed by
 * t < n, and the positioners that reach each in CSR form: those of t are
 * `positioners[start[t]]` … `positioners[start[t + 1] − 1]`.
 */
export interface ReachableTargets {
  readonly n: number;
  /** Index of the gathered table the target comes from, and its row there. */
  readonly file: Int32Array;
  readonly row: Int32Array;
  /** Focal-plane position, mm (CS5). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** FA_TYPE bits (science, standard, sky, supplementary sky). */
  readonly type: Uint8Array;
  /** Index in `TARGET_CLASSES`, or {@link NO_CLASS}. */
  readonly cls: Uint8Array;
  /** PRIORITY_INIT and SUBPRIORITY. */
  readonly priority: Float64Array;
  readonly subpriority: Float64Array;
  readonly id: BigInt64Array;
  readonly start: Int32Array;
  readonly positioners: Int32Array;
  /** SUBPRIORITY of every row of each gathered table, as given or drawn. */
  readonly subs: readonly Float64Array[];
  /** Rows skipped because their TARGETID was already read. */
  readonly duplicates: number;
}

/**
 * The targets of `tables` (in gather order) within 1.628° of the tile centre and in reach of a
 * positioner, with a type (science only when `obsconditions` allows the tile's `program`, or
 * always when it is false); a TARGETID seen twice counts once. A table without SUBPRIORITY gets
 * one uniform draw from `rng` per row, table by table.
 */
export function reachableTargets(
  tables: readonly TargetsTable[],
  tile: { readonly ra: number; readonly dec: number; readonly program: string },
  obsconditions: boolean,
  rng: Rng,
): ReachableTargets {
  const grid = positionerGrid();
  const obsMask = obsconditions ? programObsconditions(tile.program) : 0;
  let total = 0;
  for (const t of tables) total += t.TARGETID.length;
  const tFile = new Int32Array(total);
  const tRow = new Int32Array(total);
  const tx = new Float64Array(total);
  const ty = new Float64Array(total);
  const tType = new Uint8Array(total);
  const tClass = new Uint8Array(total);
  const tPri = new Float64Array(total);
  const tSub = new Float64Array(total);
  const tId = new BigInt64Array(total);
  const candStart = new Int32Array(total + 1);
  let cand = new Int32Array(Math.max(16, total * 2));
  let ncand = 0;
  let nt = 0;
  const seen = new Set<bigint>();
  let duplicates = 0;
  const project = focalProjector(tile.ra, tile.dec);
  const xyz = new Float64Array(3);
  const found = new Int32Array(64);
  const subs: Float64Array[] = [];

  for (let f = 0; f < tables.length; f++) {
    const t = tables[f] as TargetsTable;
    const n = t.TARGETID.length;
    const given = (t as Partial<TargetsTable>).SUBPRIORITY;
    let sub: Float64Array;
    if (given !== undefined && given.length === n) sub = given;
    else {
      sub = new Float64Array(n);
      for (let r = 0; r < n; r++) sub[r] = rng.uniform();
    }
    subs.push(sub);
    for (let r = 0; r < n; r++) {
      project(t.RA[r] ?? NaN, t.DEC[r] ?? NaN, xyz);
      const theta = xyz[2] ?? Infinity;
      if (!(theta <= TILE_RADIUS_DEG)) continue;
      const x = xyz[0] ?? 0;
      const y = xyz[1] ?? 0;
      const desi = t.DESI_TARGET[r] ?? 0n;
      const bgs = t.BGS_TARGET[r] ?? 0n;
      const mws = t.MWS_TARGET[r] ?? 0n;
      const scnd = t.SCND_TARGET[r] ?? 0n;
      let type = faType(desi, bgs, mws, scnd);
      if (obsMask !== 0 && ((t.OBSCONDITIONS[r] ?? 0) & obsMask) === 0) type &= ~FA_TYPE.SCIENCE;
      if (type === 0) continue;
      const k = grid.reach(x, y, found);
      if (k === 0) continue;
      const id = t.TARGETID[r] ?? -1n;
      if (seen.has(id)) {
        duplicates++;
        continue;
      }
      seen.add(id);
      if (ncand + k > cand.length) {
        const bigger = new Int32Array(cand.length * 2 + k);
        bigger.set(cand);
        cand = bigger;
      }
      for (let j = 0; j < k; j++) cand[ncand++] = found[j] ?? 0;
      tFile[nt] = f;
      tRow[nt] = r;
      tx[nt] = x;
      ty[nt] = y;
      tType[nt] = type;
      const cls = targetClass(desi, bgs, mws, scnd, type);
      tClass[nt] = cls === undefined ? NO_CLASS : TARGET_CLASSES.indexOf(cls);
      tPri[nt] = Number(t.PRIORITY_INIT[r] ?? 0n);
      tSub[nt] = sub[r] ?? 0;
      tId[nt] = id;
      nt++;
      candStart[nt] = ncand;
    }
  }
  return {
    n: nt,
    file: tFile,
    row: tRow,
    x: tx,
    y: ty,
    type: tType,
    cls: tClass,
    priority: tPri,
    subpriority: tSub,
    id: tId,
    start: candStart,
    positioners: cand,
    subs,
    duplicates,
  };
}

/**
 * The targets with any of the FA_TYPE bits `bit`, in assignment order: PRIORITY then
 * SUBPRIORITY, both higher first, TARGETID (lower first) breaking exact ties.
 */
export function byPriority(c: ReachableTargets, bit: number): number[] {
  const list: number[] = [];
  for (let t = 0; t < c.n; t++) if (((c.type[t] ?? 0) & bit) !== 0) list.push(t);
  const { priority, subpriority, id } = c;
  return list.sort(
    (a, b) =>
      (priority[b] ?? 0) - (priority[a] ?? 0) ||
      (subpriority[b] ?? 0) - (subpriority[a] ?? 0) ||
      ((id[a] ?? 0n) < (id[b] ?? 0n) ? -1 : (id[a] ?? 0n) > (id[b] ?? 0n) ? 1 : 0),
  );
}
