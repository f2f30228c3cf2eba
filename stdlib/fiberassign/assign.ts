import type { Fibermap } from "../datamodel/Fibermap.js";
import type { Targets } from "../datamodel/Targets.js";
import type { TargetsTable } from "../datamodel/TargetsTable.js";
import type { TileTable } from "../datamodel/TileTable.js";
import type { Header } from "../datamodel/values.js";
import type { float, Gather, Handle, KernelContext, int } from "../kernel.js";
import { buildFibermap } from "./buildFibermap.js";
import { FA_TYPE, NFIBER, NPETAL, PATROL_RADIUS_MM, POSITIONERS_PER_PETAL } from "./constants.js";
import { anyPositioner, FiberAssignment, ROLE } from "./FiberAssignment.js";
import { PositionerCost } from "./PositionerCost.js";
import { byPriority, NO_CLASS, reachableTargets, type ReachableTargets } from "./reachableTargets.js";
import { TARGET_CLASSES } from "./targetBits.js";

const KERNEL = "fiberassign.assign";

/** A tile as the kernel uses it. */
interface Tile {
  readonly id: number;
  readonly ra: number;
  readonly dec: number;
  readonly program: string;
}

/** The tile's row of the tiles table; throws when the task's tile is not in it. */
function tileRow(tiles: TileTable, key: KernelContext["key"]): Tile {
  const raw = key["tile"];
  if (raw === undefined) {
    const have = Object.keys(key)
      .map((k) => `\`${k}\``)
      .join(", ");
    throw new Error(
      `${KERNEL} reads its tile from the partition key, but the task's key has ${have === "" ? "no grids" : have}; index the stage by a grid named \`tile\``,
    );
  }
  const id = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : Number(raw);
  if (!Number.isSafeInteger(id)) throw new Error(`${KERNEL}: the \`tile\` key ${String(raw)} is not an integer TILEID`);
  const n = tiles.TILEID.length;
  for (let i = 0; i < n; i++) {
    if (tiles.TILEID[i] === id) return { id, ra: tiles.RA[i] ?? NaN, dec: tiles.DEC[i] ?? NaN, program: tiles.PROGRAM[i] ?? "" };
  }
  const some = Array.from(tiles.TILEID.subarray(0, 5)).join(", ");
  throw new Error(
    `${KERNEL}: tile ${id} is not in the tiles table, which has ${n} tile${n === 1 ? "" : "s"}${n > 0 ? ` (${some}${n > 5 ? ", …" : ""})` : ""}; the stage's tile grid and its tiles input disagree`,
  );
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
  if (!Number.isInteger(v) || v < 0 || v > POSITIONERS_PER_PETAL)
    throw new RangeError(`${KERNEL}: ${name} = ${v} is not an integer in [0, ${POSITIONERS_PER_PETAL}]`);
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
 * position of the centre. The header carries TILEID, TILERA, TILEDEC, SURVEY, PROGRAM and FAPRGRM (lower
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
     * Most science fibers per petal, for a reduced run with few fibers (DESI: no limit, 500).
     * Positioners left free stay unassigned unless `extraSky` puts them on sky.
     * @default 500
     */
    readonly maxscience: int;
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
  checkParams(params);
  const tile = tileRow(await inputs.tiles.read(), ctx.key);
  if (!Number.isFinite(tile.ra) || !Number.isFinite(tile.dec)) throw new Error(`${KERNEL}: tile ${tile.id} has RA ${tile.ra}, DEC ${tile.dec}`);
  const tables = await readTargets(inputs.targets);

  const targets = reachableTargets(tables, tile, params.matchObsconditions, ctx.rng);
  if (targets.duplicates > 0) ctx.log(`${KERNEL}: tile ${tile.id}: ${targets.duplicates} target row(s) repeat a TARGETID already read and were ignored`);
  const cost = new PositionerCost(targets);
  const maxscience = params.maxscience ?? POSITIONERS_PER_PETAL;
  const fa = new FiberAssignment(targets, cost, params.keepout, maxscience >= POSITIONERS_PER_PETAL ? Infinity : maxscience);

  // 1. Standards, 2. sky (then supplementary sky) up to the per-petal minima.
  const stds = byPriority(targets, FA_TYPE.STANDARD);
  fillPetalMinimum(fa, cost, stds, ROLE.STD, fa.stdCount, params.nstd);
  const skies = byPriority(targets, FA_TYPE.SKY);
  fillPetalMinimum(fa, cost, skies, ROLE.SKY, fa.skyCount, params.nsky);
  fillPetalMinimum(fa, cost, byPriority(targets, FA_TYPE.SUPPSKY), ROLE.SKY, fa.skyCount, params.nsky);
  // 3. Science by priority. 4. Spare positioners on sky.
  assignScience(targets, fa, cost);
  if (params.extraSky) addSpareSky(fa, skies);

  for (const line of shortfalls(targets, fa, tile, "standard-star", stds, fa.stdCount, params.nstd)) ctx.log(line);
  for (const line of shortfalls(targets, fa, tile, "sky", byPriority(targets, FA_TYPE.SKY | FA_TYPE.SUPPSKY), fa.skyCount, params.nsky)) ctx.log(line);

  const fibermap = buildFibermap(tables, targets, fa, tile);
  const { header, lines } = fibermapHeader(targets, fa, tile, params.survey);
  for (const line of lines) ctx.log(line);
  return { fibermap: { header, FIBERMAP: fibermap } };
}

/** Throws a RangeError for a count, keep-out or sum of minima the focal plane cannot meet. */
function checkParams(params: { readonly nsky: number; readonly nstd: number; readonly maxscience?: number; readonly keepout: number }): void {
  checkCount("nsky", params.nsky);
  checkCount("nstd", params.nstd);
  checkCount("maxscience", params.maxscience ?? POSITIONERS_PER_PETAL);
  if (!(params.keepout >= 0 && params.keepout < 2 * PATROL_RADIUS_MM))
    throw new RangeError(`${KERNEL}: keepout = ${params.keepout} mm is not in [0, ${2 * PATROL_RADIUS_MM})`);
  if (params.nsky + params.nstd > POSITIONERS_PER_PETAL)
    throw new RangeError(`${KERNEL}: nsky + nstd = ${params.nsky + params.nstd} exceeds the ${POSITIONERS_PER_PETAL} positioners of a petal`);
}

/**
 * Phases 1 and 2: places targets of `list` as `as` until every petal has `min` of them in
 * `counts` (or `list` runs out), those whose cheapest positioner costs the science least first,
 * each on a positioner of a petal still short.
 */
function fillPetalMinimum(fa: FiberAssignment, cost: PositionerCost, list: readonly number[], as: number, counts: Int32Array, min: number): void {
  let short = 0;
  for (let p = 0; p < NPETAL; p++) if ((counts[p] ?? 0) < min) short++;
  if (short === 0) return;
  const cheapest = new Map<number, number>();
  for (const t of list) cheapest.set(t, cost.cheapest(t));
  const byCost = list.map((t, i) => ({ t, i })).sort((a, b) => (cheapest.get(a.t) ?? 0) - (cheapest.get(b.t) ?? 0) || a.i - b.i);
  for (const { t } of byCost) {
    const pos = fa.tryAssign(t, as, (q) => (counts[fa.petalOf(q)] ?? 0) < min);
    if (pos < 0) continue;
    const p = fa.petalOf(pos);
    counts[p] = (counts[p] ?? 0) + 1;
    if (counts[p] === min && --short === 0) return;
  }
}

/** Phase 3: science targets in priority order, each releasing its weight from the cost before its turn, on petals with room. */
function assignScience(targets: ReachableTargets, fa: FiberAssignment, cost: PositionerCost): void {
  for (const t of byPriority(targets, FA_TYPE.SCIENCE)) {
    cost.release(t);
    fa.tryAssign(t, ROLE.SCIENCE, fa.scienceRoom);
  }
}

/** Phase 4: positioners still free get more sky positions, in priority order. */
function addSpareSky(fa: FiberAssignment, skies: readonly number[]): void {
  for (const t of skies) {
    const pos = fa.tryAssign(t, ROLE.SKY, anyPositioner);
    if (pos < 0) continue;
    const p = fa.petalOf(pos);
    fa.skyCount[p] = (fa.skyCount[p] ?? 0) + 1;
  }
}

/** A log line for each petal with fewer than `min` `what` fibers, saying why. */
function shortfalls(
  targets: ReachableTargets,
  fa: FiberAssignment,
  tile: Tile,
  what: string,
  list: readonly number[],
  counts: Int32Array,
  min: number,
): string[] {
  const lines: string[] = [];
  for (let p = 0; p < NPETAL; p++) {
    const got = counts[p] ?? 0;
    if (got >= min) continue;
    let reachable = 0;
    for (const t of list) {
      for (let j = targets.start[t] ?? 0; j < (targets.start[t + 1] ?? 0); j++) {
        if (fa.petalOf(targets.positioners[j] ?? 0) === p) {
          reachable++;
          break;
        }
      }
    }
    const why =
      reachable <= got
        ? `every one of the ${reachable} ${what} candidates its positioners reach is assigned`
        : `${reachable} candidates are reachable, but the others collide with fibers already placed or share positioners`;
    lines.push(`${KERNEL}: tile ${tile.id} petal ${p} has ${got} ${what} fibers, fewer than the ${min} asked: ${why}`);
  }
  return lines;
}

/**
 * The fibermap's header (TILEID, TILERA, TILEDEC, SURVEY, PROGRAM, FAPRGRM, FA_NSCI, FA_NSTD, FA_NSKY,
 * FA_NUNAS, FA_MNSTD, FA_MNSKY, then EFF_<class> for each class with a reachable target) and the
 * log lines that say the same in words.
 */
function fibermapHeader(targets: ReachableTargets, fa: FiberAssignment, tile: Tile, survey: string): { header: Header; lines: string[] } {
  const lines: string[] = [];
  // Efficiency per class: assigned / reachable.
  const candidates = new Int32Array(TARGET_CLASSES.length);
  const assigned = new Int32Array(TARGET_CLASSES.length);
  for (let t = 0; t < targets.n; t++) {
    const c = targets.cls[t] ?? NO_CLASS;
    if (c === NO_CLASS) continue;
    candidates[c] = (candidates[c] ?? 0) + 1;
    if ((fa.tAssigned[t] ?? -1) >= 0) assigned[c] = (assigned[c] ?? 0) + 1;
  }
  const header: Header = {
    TILEID: tile.id,
    TILERA: tile.ra,
    TILEDEC: tile.dec,
    SURVEY: survey,
    PROGRAM: tile.program.trim().toLowerCase(),
    FAPRGRM: tile.program.trim().toLowerCase(),
  };
  let nsci = 0;
  let nstdAll = 0;
  let nskyAll = 0;
  let nun = 0;
  for (let i = 0; i < NFIBER; i++) {
    const as = fa.role[i] ?? ROLE.NONE;
    if (as === ROLE.SCIENCE) nsci++;
    else if (as === ROLE.STD) nstdAll++;
    else if (as === ROLE.SKY) nskyAll++;
    else nun++;
  }
  header["FA_NSCI"] = nsci;
  header["FA_NSTD"] = nstdAll;
  header["FA_NSKY"] = nskyAll;
  header["FA_NUNAS"] = nun;
  header["FA_MNSTD"] = Math.min(...fa.stdCount);
  header["FA_MNSKY"] = Math.min(...fa.skyCount);
  for (let c = 0; c < TARGET_CLASSES.length; c++) {
    const cls = TARGET_CLASSES[c] ?? "";
    const nc = candidates[c] ?? 0;
    if (nc === 0) continue;
    const eff = (assigned[c] ?? 0) / nc;
    header[`EFF_${cls}`] = Math.round(eff * 1e6) / 1e6;
    lines.push(`${KERNEL}: tile ${tile.id} ${cls}: ${assigned[c] ?? 0} of ${nc} reachable targets assigned (${(100 * eff).toFixed(1)}%)`);
  }
  lines.push(`${KERNEL}: tile ${tile.id}: ${nsci} science, ${nstdAll} standard, ${nskyAll} sky, ${nun} unassigned fibers`);
  return { header, lines };
}
