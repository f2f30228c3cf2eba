import type { Fibermap } from "../datamodel/Fibermap.js";
import type { FibermapTable } from "../datamodel/FibermapTable.js";
import type { Targets } from "../datamodel/Targets.js";
import type { TargetsTable } from "../datamodel/TargetsTable.js";
import type { TileTable } from "../datamodel/TileTable.js";
import type { Header } from "../datamodel/values.js";
import type { float, Gather, Handle, KernelContext, int } from "../kernel.js";
import { FA_TYPE, FIBERSTATUS_UNASSIGNED, NFIBER, NPETAL, PATROL_RADIUS_MM, POSITIONERS_PER_PETAL, TILE_RADIUS_DEG } from "./constants.js";
import { sharedFocalPlane } from "./focalPlane.js";
import { focalToRadec } from "./focalToRadec.js";
import { positionerGrid } from "./positionerGrid.js";
import { focalProjector } from "./radecToFocal.js";
import { faType, programObsconditions, TARGET_CLASSES, targetClass } from "./targetBits.js";
import { TipGrid } from "./TipGrid.js";

const KERNEL = "fiberassign.assign";
const NO_CLASS = 255;

/** Costs closer than this are equal (they are sums of weights, with rounding). */
const LOAD_TIE = 1e-12;

/** Longest chain of moves `freeFor` tries to free a positioner. */
const AUGMENT_DEPTH = 3;

/** What an assigned positioner was given its target as. */
const ROLE = { NONE: 0, STD: 1, SKY: 2, SCIENCE: 3 } as const;

/** The tile's row of the tiles table; throws when the task's tile is not in it. */
function tileRow(tiles: TileTable, key: KernelContext["key"]): { id: number; ra: number; dec: number; program: string } {
  const raw = key["tile"];
  if (raw === undefined) {
    const have = Object.keys(key).map((k) => `\`${k}\``).join(", ");
    throw new Error(`${KERNEL} reads its tile from the partition key, but the task's key has ${have === "" ? "no grids" : have}; index the stage by a grid named \`tile\``);
  }
  const id = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : Number(raw);
  if (!Number.isSafeInteger(id)) throw new Error(`${KERNEL}: the \`tile\` key ${String(raw)} is not an integer TILEID`);
  const n = tiles.TILEID.length;
  for (let i = 0; i < n; i++) {
    if (tiles.TILEID[i] === id) return { id, ra: tiles.RA[i] ?? NaN, dec: tiles.DEC[i] ?? NaN, program: tiles.PROGRAM[i] ?? "" };
  }
  const some = Array.from(tiles.TILEID.subarray(0, 5)).join(", ");
  throw new Error(`${KERNEL}: tile ${id} is not in the tiles table, which has ${n} tile${n === 1 ? "" : "s"}${n > 0 ? ` (${some}${n > 5 ? ", …" : ""})` : ""}; the stage's tile grid and its tiles input disagree`);
}

/** Reads every gathered target file, in gather order. */
async function readTargets(gather: Gather<Targets>): Promise<TargetsTable[]> {
  if (Symbol.asyncIterator in gather) {
    const out: TargetsTable[] = [];
    for await (const h of gather) out.push((await h.read()).TARGETS);
    return out;
  }
  return (await Promise.all(gather.map((h) => h.read()))).map((t) => t.TARGETS);
}

function checkCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > POSITIONERS_PER_PETAL) throw new RangeError(`${KERNEL}: ${name} = ${v} is not an integer in [0, ${POSITIONERS_PER_PETAL}]`);
}

/**
 * Fiber assignment of one tile (`ctx.key.tile`, RA/DEC and PROGRAM from `tiles`) on the modelled
 * focal plane (`focalPlane()`: 10 petals × 500 positioners, 6 mm patrol radius). The gather
 * holds the target files of the healpix pixels the tile touches; targets beyond 1.628° of the
 * centre or out of every positioner's reach are ignored, and a TARGETID seen twice counts once.
 *
 * A greedy assignment in DESI's spirit (fiberassign py/fiberassign/scripts/assign.py;
 * docs/sources.md#focal-plane), with the per-petal minima first:
 * standard stars until each petal has `nstd`, then sky positions (SKY, then SUPP_SKY) until
 * each petal has `nsky`, both on the positioners the top science classes need least; then
 * science targets by PRIORITY (PRIORITY_INIT) then SUBPRIORITY, both higher first (TARGETID
 * breaks exact ties; a table without SUBPRIORITY gets uniform draws from `ctx.rng`); with
 * `extraSky`, positioners still free then get more sky positions. Each target goes to the free
 * positioner within reach that the science targets still to come need least (weighted by
 * priority), or, when all are taken, to one freed by moving assigned targets to other
 * positioners that reach them (up to 3 moves deep, which leaves every fiber tip in place), and
 * only when its position keeps `keepout` (default `KEEPOUT_MM`, 2.6 mm) from every fiber
 * already placed. With `matchObsconditions`, a science target counts only when its
 * OBSCONDITIONS allow the tile's program.
 *
 * The fibermap has 5000 rows in FIBER order. Unassigned positioners are parked at their
 * centre: OBJTYPE `NON`, TARGETID −1, FIBERSTATUS UNASSIGNED (bit 0), TARGET_RA/DEC the sky
 * position of the centre. The header carries TILEID, TILERA, TILEDEC, SURVEY, PROGRAM (lower
 * case), the counts FA_NSCI, FA_NSTD, FA_NSKY, FA_NUNAS, the smallest per-petal standard and
 * sky counts FA_MNSTD, FA_MNSKY, and EFF_<class>, the fraction of reachable targets of each
 * class (QSO, LRG, ELG, BGS, MWS, SCND, OTH, STD, SKY) that got a fiber; `ctx.log` says the
 * same in words and names every petal short of its minimum and why.
 */
export async function assign(
  inputs: { readonly tiles: Handle<TileTable>; readonly targets: Gather<Targets> },
  params: {
    /**
     * Minimum sky fibers per petal (DESI: 40).
     * @default 40
     */
    readonly nsky: int;
    /**
     * Minimum standard-star fibers per petal (DESI: 10).
     * @default 10
     */
    readonly nstd: int;
    /**
     * Put positioners left free after the science targets on more sky positions, as DESI does.
     * @default true
     */
    readonly extraSky: boolean;
    /**
     * Assign a science target only when its OBSCONDITIONS allow the tile's program (DARK,
     * GRAY, BRIGHT, BACKUP); another program assigns them all.
     * @default true
     */
    readonly matchObsconditions: boolean;
    /**
     * Minimum distance between two assigned fiber tips (`KEEPOUT_MM`, see constants.ts).
     * @unit mm
     * @default 2.6
     */
    readonly keepout: float;
    /**
     * SURVEY written in the header.
     * @default "main"
     */
    readonly survey: string;
  },
  ctx: KernelContext,
): Promise<{ fibermap: Fibermap }> {
  checkCount("nsky", params.nsky);
  checkCount("nstd", params.nstd);
  if (!(params.keepout >= 0 && params.keepout < 2 * PATROL_RADIUS_MM)) throw new RangeError(`${KERNEL}: keepout = ${params.keepout} mm is not in [0, ${2 * PATROL_RADIUS_MM})`);
  if (params.nsky + params.nstd > POSITIONERS_PER_PETAL) throw new RangeError(`${KERNEL}: nsky + nstd = ${params.nsky + params.nstd} exceeds the ${POSITIONERS_PER_PETAL} positioners of a petal`);
  const tile = tileRow(await inputs.tiles.read(), ctx.key);
  if (!Number.isFinite(tile.ra) || !Number.isFinite(tile.dec)) throw new Error(`${KERNEL}: tile ${tile.id} has RA ${tile.ra}, DEC ${tile.dec}`);
  const tables = await readTargets(inputs.targets);
  const fp = sharedFocalPlane();
  const grid = positionerGrid();
  const obsMask = params.matchObsconditions ? programObsconditions(tile.program) : 0;

  // Reachable targets, as parallel columns; the positioners that reach each one in CSR form.
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
      for (let r = 0; r < n; r++) sub[r] = ctx.rng.uniform();
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
  if (duplicates > 0) ctx.log(`${KERNEL}: tile ${tile.id}: ${duplicates} target row(s) repeat a TARGETID already read and were ignored`);

  // What taking each positioner costs the science targets still to come: each science target
  // that can reach it, weighted by 1 / (its positioners) and by 1000^-(rank of its priority among
  // the science priorities), so nearly lexicographic in priority. A target's weight is removed
  // when its turn comes, so the cost counts the *other* candidates, as the highest classes see
  // them first; standards and sky fibers, placed before any science, take the positioners the
  // top classes need least.
  const cost = new Float64Array(NFIBER);
  const weight = new Float64Array(nt);
  const levels = new Map<number, number>();
  for (let t = 0; t < nt; t++) if (((tType[t] ?? 0) & FA_TYPE.SCIENCE) !== 0) levels.set(tPri[t] ?? 0, 0);
  [...levels.keys()].sort((a, b) => b - a).forEach((p, rank) => levels.set(p, 1000 ** -rank));
  const addWeight = (t: number, sign: number): void => {
    const w = sign * (weight[t] ?? 0);
    for (let j = candStart[t] ?? 0; j < (candStart[t + 1] ?? 0); j++) {
      const q = cand[j] ?? 0;
      cost[q] = (cost[q] ?? 0) + w;
    }
  };
  for (let t = 0; t < nt; t++) {
    if (((tType[t] ?? 0) & FA_TYPE.SCIENCE) === 0) continue;
    weight[t] = (levels.get(tPri[t] ?? 0) ?? 0) / ((candStart[t + 1] ?? 0) - (candStart[t] ?? 0));
    addWeight(t, 1);
  }
  const load = cost;

  const posTarget = new Int32Array(NFIBER).fill(-1);
  const role = new Uint8Array(NFIBER);
  const tAssigned = new Int32Array(nt).fill(-1);
  const tips = new TipGrid(fp.maxCentreRadius + PATROL_RADIUS_MM + params.keepout, params.keepout, NFIBER);
  const stdCount = new Int32Array(NPETAL);
  const skyCount = new Int32Array(NPETAL);

  const anyPos = (): boolean => true;
  const visited = new Int32Array(NFIBER);
  let stamp = 0;
  /**
   * A free positioner `allow` accepts for target `t`: the cheapest free one, else one freed
   * by moving its target to another positioner that reaches it (an augmenting path of up to
   * `depth` moves, as fiberassign redistributes). A move leaves every fiber tip where it is, so
   * the keep-out still holds; a sky or standard fiber moves only within its petal, so the
   * per-petal counts hold too. -1 when there is none.
   */
  const freeFor = (t: number, allow: (pos: number) => boolean, depth: number): number => {
    let best = -1;
    for (let j = candStart[t] ?? 0; j < (candStart[t + 1] ?? 0); j++) {
      const pos = cand[j] ?? 0;
      if ((posTarget[pos] ?? 0) >= 0 || !allow(pos)) continue;
      if (best < 0 || (load[pos] ?? 0) < (load[best] ?? 0) - LOAD_TIE || (Math.abs((load[pos] ?? 0) - (load[best] ?? 0)) <= LOAD_TIE && pos < best)) best = pos;
    }
    if (best >= 0 || depth === 0) return best;
    for (let j = candStart[t] ?? 0; j < (candStart[t + 1] ?? 0); j++) {
      const q = cand[j] ?? 0;
      if (visited[q] === stamp || !allow(q)) continue;
      visited[q] = stamp;
      const u = posTarget[q] ?? -1;
      const as = role[q] ?? ROLE.NONE;
      const petal = fp.petal[q];
      const alt = freeFor(u, as === ROLE.SCIENCE ? anyPos : (p) => fp.petal[p] === petal, depth - 1);
      if (alt < 0) continue;
      posTarget[alt] = u;
      role[alt] = as;
      tAssigned[u] = alt;
      posTarget[q] = -1;
      role[q] = ROLE.NONE;
      return q;
    }
    return -1;
  };

  /** Gives target `t` a positioner (see `freeFor`) unless its tip would collide; returns it, or -1. */
  const tryAssign = (t: number, as: number, allow: (pos: number) => boolean): number => {
    if ((tAssigned[t] ?? -1) >= 0) return -1;
    const x = tx[t] ?? 0;
    const y = ty[t] ?? 0;
    if (tips.collides(x, y)) return -1;
    stamp++;
    const best = freeFor(t, allow, AUGMENT_DEPTH);
    if (best < 0) return -1;
    posTarget[best] = t;
    role[best] = as;
    tAssigned[t] = best;
    tips.add(x, y);
    return best;
  };

  const order = (bit: number): number[] => {
    const list: number[] = [];
    for (let t = 0; t < nt; t++) if (((tType[t] ?? 0) & bit) !== 0) list.push(t);
    return list.sort((a, b) => (tPri[b] ?? 0) - (tPri[a] ?? 0) || (tSub[b] ?? 0) - (tSub[a] ?? 0) || ((tId[a] ?? 0n) < (tId[b] ?? 0n) ? -1 : (tId[a] ?? 0n) > (tId[b] ?? 0n) ? 1 : 0));
  };
  /** Places targets of `list` until every petal has `min` of them (or `list` runs out), cheapest positioners first. */
  const fill = (list: readonly number[], as: number, counts: Int32Array, min: number): void => {
    let short = 0;
    for (let p = 0; p < NPETAL; p++) if ((counts[p] ?? 0) < min) short++;
    if (short === 0) return;
    const cheapest = new Float64Array(nt);
    for (const t of list) {
      let c = Infinity;
      for (let j = candStart[t] ?? 0; j < (candStart[t + 1] ?? 0); j++) c = Math.min(c, cost[cand[j] ?? 0] ?? 0);
      cheapest[t] = c;
    }
    const byCost = list.map((t, i) => ({ t, i })).sort((a, b) => (cheapest[a.t] ?? 0) - (cheapest[b.t] ?? 0) || a.i - b.i);
    for (const { t } of byCost) {
      const pos = tryAssign(t, as, (q) => (counts[fp.petal[q] ?? 0] ?? 0) < min);
      if (pos < 0) continue;
      const p = fp.petal[pos] ?? 0;
      counts[p] = (counts[p] ?? 0) + 1;
      if (counts[p] === min && --short === 0) return;
    }
  };

  // 1. Standards, 2. sky (then supplementary sky) up to the per-petal minima.
  const stds = order(FA_TYPE.STANDARD);
  fill(stds, ROLE.STD, stdCount, params.nstd);
  const skies = order(FA_TYPE.SKY);
  fill(skies, ROLE.SKY, skyCount, params.nsky);
  fill(order(FA_TYPE.SUPPSKY), ROLE.SKY, skyCount, params.nsky);
  // 3. Science by priority. 4. Spare positioners on sky.
  for (const t of order(FA_TYPE.SCIENCE)) {
    addWeight(t, -1);
    tryAssign(t, ROLE.SCIENCE, anyPos);
  }
  if (params.extraSky) {
    for (const t of skies) {
      const pos = tryAssign(t, ROLE.SKY, anyPos);
      if (pos < 0) continue;
      const p = fp.petal[pos] ?? 0;
      skyCount[p] = (skyCount[p] ?? 0) + 1;
    }
  }

  // Petals short of a minimum, with the reason.
  const shortfall = (what: string, list: readonly number[], counts: Int32Array, min: number): void => {
    for (let p = 0; p < NPETAL; p++) {
      const got = counts[p] ?? 0;
      if (got >= min) continue;
      let reachable = 0;
      for (const t of list) {
        for (let j = candStart[t] ?? 0; j < (candStart[t + 1] ?? 0); j++) {
          if (fp.petal[cand[j] ?? 0] === p) {
            reachable++;
            break;
          }
        }
      }
      const why = reachable <= got ? `every one of the ${reachable} ${what} candidates its positioners reach is assigned` : `${reachable} candidates are reachable, but the others collide with fibers already placed or share positioners`;
      ctx.log(`${KERNEL}: tile ${tile.id} petal ${p} has ${got} ${what} fibers, fewer than the ${min} asked: ${why}`);
    }
  };
  shortfall("standard-star", stds, stdCount, params.nstd);
  shortfall("sky", order(FA_TYPE.SKY | FA_TYPE.SUPPSKY), skyCount, params.nsky);

  const fibermap = buildFibermap(tables, subs, posTarget, role, tFile, tRow, tx, ty, tType, tile);

  // Efficiency per class: assigned / reachable.
  const candidates = new Int32Array(TARGET_CLASSES.length);
  const assigned = new Int32Array(TARGET_CLASSES.length);
  for (let t = 0; t < nt; t++) {
    const c = tClass[t] ?? NO_CLASS;
    if (c === NO_CLASS) continue;
    candidates[c] = (candidates[c] ?? 0) + 1;
    if ((tAssigned[t] ?? -1) >= 0) assigned[c] = (assigned[c] ?? 0) + 1;
  }
  const header: Header = {
    TILEID: tile.id,
    TILERA: tile.ra,
    TILEDEC: tile.dec,
    SURVEY: params.survey,
    PROGRAM: tile.program.trim().toLowerCase(),
  };
  let nsci = 0;
  let nstdAll = 0;
  let nskyAll = 0;
  let nun = 0;
  for (let i = 0; i < NFIBER; i++) {
    const as = role[i] ?? ROLE.NONE;
    if (as === ROLE.SCIENCE) nsci++;
    else if (as === ROLE.STD) nstdAll++;
    else if (as === ROLE.SKY) nskyAll++;
    else nun++;
  }
  header["FA_NSCI"] = nsci;
  header["FA_NSTD"] = nstdAll;
  header["FA_NSKY"] = nskyAll;
  header["FA_NUNAS"] = nun;
  header["FA_MNSTD"] = Math.min(...stdCount);
  header["FA_MNSKY"] = Math.min(...skyCount);
  for (let c = 0; c < TARGET_CLASSES.length; c++) {
    const cls = TARGET_CLASSES[c] ?? "";
    const nc = candidates[c] ?? 0;
    if (nc === 0) continue;
    const eff = (assigned[c] ?? 0) / nc;
    header[`EFF_${cls}`] = Math.round(eff * 1e6) / 1e6;
    ctx.log(`${KERNEL}: tile ${tile.id} ${cls}: ${assigned[c] ?? 0} of ${nc} reachable targets assigned (${(100 * eff).toFixed(1)}%)`);
  }
  ctx.log(`${KERNEL}: tile ${tile.id}: ${nsci} science, ${nstdAll} standard, ${nskyAll} sky, ${nun} unassigned fibers`);
  return { fibermap: { header, FIBERMAP: fibermap } };
}

/** The 5000-row FIBERMAP table, in FIBER order. */
function buildFibermap(
  tables: readonly TargetsTable[],
  subs: readonly Float64Array[],
  posTarget: Int32Array,
  role: Uint8Array,
  tFile: Int32Array,
  tRow: Int32Array,
  tx: Float64Array,
  ty: Float64Array,
  tType: Uint8Array,
  tile: { readonly ra: number; readonly dec: number },
): FibermapTable {
  const fp = sharedFocalPlane();
  const n = NFIBER;
  const col = {
    TARGETID: new BigInt64Array(n).fill(-1n),
    PETAL_LOC: fp.petal.slice(),
    DEVICE_LOC: fp.device.slice(),
    LOCATION: BigInt64Array.from(fp.location, (v) => BigInt(v)),
    FIBER: fp.fiber.slice(),
    FIBERSTATUS: new Int32Array(n),
    TARGET_RA: new Float64Array(n),
    TARGET_DEC: new Float64Array(n),
    FA_TARGET: new BigInt64Array(n),
    FA_TYPE: new Uint8Array(n),
    OBJTYPE: new Array<string>(n).fill("NON"),
    FIBERASSIGN_X: new Float32Array(n),
    FIBERASSIGN_Y: new Float32Array(n),
    PRIORITY: new Int32Array(n),
    SUBPRIORITY: new Float64Array(n),
    OBSCONDITIONS: new Int32Array(n),
    RELEASE: new Int16Array(n),
    BRICKNAME: new Array<string>(n).fill(""),
    BRICKID: new Int32Array(n),
    BRICK_OBJID: new Int32Array(n),
    MORPHTYPE: new Array<string>(n).fill(""),
    PHOTSYS: new Array<string>(n).fill(""),
    PRIORITY_INIT: new BigInt64Array(n),
    NUMOBS_INIT: new BigInt64Array(n),
    DESI_TARGET: new BigInt64Array(n),
    BGS_TARGET: new BigInt64Array(n),
    MWS_TARGET: new BigInt64Array(n),
    SCND_TARGET: new BigInt64Array(n),
    PLATE_RA: new Float64Array(n),
    PLATE_DEC: new Float64Array(n),
    FIBER_X: new Float64Array(n),
    FIBER_Y: new Float64Array(n),
    DELTA_X: new Float64Array(n),
    DELTA_Y: new Float64Array(n),
    FIBER_RA: new Float64Array(n),
    FIBER_DEC: new Float64Array(n),
    EXPTIME: new Float64Array(n),
  };
  const f32 = {
    EBV: new Float32Array(n),
    FLUX_G: new Float32Array(n),
    FLUX_R: new Float32Array(n),
    FLUX_Z: new Float32Array(n),
    FLUX_W1: new Float32Array(n),
    FLUX_W2: new Float32Array(n),
    FLUX_IVAR_G: new Float32Array(n),
    FLUX_IVAR_R: new Float32Array(n),
    FLUX_IVAR_Z: new Float32Array(n),
    FLUX_IVAR_W1: new Float32Array(n),
    FLUX_IVAR_W2: new Float32Array(n),
    FIBERFLUX_G: new Float32Array(n),
    FIBERFLUX_R: new Float32Array(n),
    FIBERFLUX_Z: new Float32Array(n),
    FIBERTOTFLUX_G: new Float32Array(n),
    FIBERTOTFLUX_R: new Float32Array(n),
    FIBERTOTFLUX_Z: new Float32Array(n),
    SHAPE_R: new Float32Array(n),
  };
  const f32Keys = Object.keys(f32) as (keyof typeof f32)[];

  for (let i = 0; i < n; i++) {
    const t = posTarget[i] ?? -1;
    if (t < 0) {
      const cx = fp.x[i] ?? 0;
      const cy = fp.y[i] ?? 0;
      const sky = focalToRadec(cx, cy, tile.ra, tile.dec);
      col.FIBERSTATUS[i] = FIBERSTATUS_UNASSIGNED;
      col.TARGET_RA[i] = sky.ra;
      col.TARGET_DEC[i] = sky.dec;
      col.FIBERASSIGN_X[i] = cx;
      col.FIBERASSIGN_Y[i] = cy;
      col.FIBER_X[i] = cx;
      col.FIBER_Y[i] = cy;
      col.PLATE_RA[i] = sky.ra;
      col.PLATE_DEC[i] = sky.dec;
      col.FIBER_RA[i] = sky.ra;
      col.FIBER_DEC[i] = sky.dec;
      continue;
    }
    const src = tables[tFile[t] ?? 0] as TargetsTable;
    const r = tRow[t] ?? 0;
    const type = tType[t] ?? 0;
    const ra = src.RA[r] ?? 0;
    const dec = src.DEC[r] ?? 0;
    const x = tx[t] ?? 0;
    const y = ty[t] ?? 0;
    col.TARGETID[i] = src.TARGETID[r] ?? -1n;
    col.TARGET_RA[i] = ra;
    col.TARGET_DEC[i] = dec;
    col.FA_TARGET[i] = src.DESI_TARGET[r] ?? 0n;
    col.FA_TYPE[i] = type;
    col.OBJTYPE[i] = role[i] === ROLE.SKY ? "SKY" : "TGT";
    col.FIBERASSIGN_X[i] = x;
    col.FIBERASSIGN_Y[i] = y;
    col.PRIORITY[i] = Number(src.PRIORITY_INIT[r] ?? 0n);
    col.SUBPRIORITY[i] = subs[tFile[t] ?? 0]?.[r] ?? 0;
    col.OBSCONDITIONS[i] = src.OBSCONDITIONS[r] ?? 0;
    col.RELEASE[i] = src.RELEASE[r] ?? 0;
    col.BRICKNAME[i] = src.BRICKNAME[r] ?? "";
    col.BRICKID[i] = src.BRICKID[r] ?? 0;
    col.BRICK_OBJID[i] = src.BRICK_OBJID[r] ?? 0;
    col.MORPHTYPE[i] = src.MORPHTYPE[r] ?? "";
    col.PHOTSYS[i] = src.PHOTSYS[r] ?? "";
    col.PRIORITY_INIT[i] = src.PRIORITY_INIT[r] ?? 0n;
    col.NUMOBS_INIT[i] = src.NUMOBS_INIT[r] ?? 0n;
    col.DESI_TARGET[i] = src.DESI_TARGET[r] ?? 0n;
    col.BGS_TARGET[i] = src.BGS_TARGET[r] ?? 0n;
    col.MWS_TARGET[i] = src.MWS_TARGET[r] ?? 0n;
    col.SCND_TARGET[i] = src.SCND_TARGET[r] ?? 0n;
    col.PLATE_RA[i] = ra;
    col.PLATE_DEC[i] = dec;
    col.FIBER_X[i] = x;
    col.FIBER_Y[i] = y;
    col.FIBER_RA[i] = ra;
    col.FIBER_DEC[i] = dec;
    for (const k of f32Keys) f32[k][i] = src[k][r] ?? 0;
  }
  return { ...col, ...f32 };
}
