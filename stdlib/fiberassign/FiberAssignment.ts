import { NFIBER, NPETAL, PATROL_RADIUS_MM } from "./constants.js";
import { sharedFocalPlane } from "./focalPlane.js";
import type { PositionerCost } from "./PositionerCost.js";
import type { ReachableTargets } from "./reachableTargets.js";
import { TipGrid } from "./TipGrid.js";

/** Costs closer than this are equal (they are sums of weights, with rounding). */
const LOAD_TIE = 1e-12;

/** Longest chain of moves {@link FiberAssignment.tryAssign} tries to free a positioner. */
const AUGMENT_DEPTH = 3;

/** What an assigned positioner was given its target as. */
export const ROLE = { NONE: 0, STD: 1, SKY: 2, SCIENCE: 3 } as const;

/** Accepts every positioner. */
export const anyPositioner = (): boolean => true;

/**
 * The state of a tile's assignment: which target each positioner holds and as what, which
 * positioner each target got, where the fiber tips are (for the keep-out), and the standard and
 * sky fibers of each petal; science fibers per petal are held to `scienceMax` (no limit by default).
 */
export class FiberAssignment {
  /** Target of each positioner, −1 when free. */
  readonly posTarget = new Int32Array(NFIBER).fill(-1);
  /** {@link ROLE} of each positioner. */
  readonly role = new Uint8Array(NFIBER);
  /** Positioner of each target, −1 when unassigned. */
  readonly tAssigned: Int32Array;
  /** Standard-star and sky fibers per petal. */
  readonly stdCount = new Int32Array(NPETAL);
  readonly skyCount = new Int32Array(NPETAL);
  /** Science fibers per petal. */
  readonly scienceCount = new Int32Array(NPETAL);
  private readonly fp = sharedFocalPlane();
  private readonly tips: TipGrid;
  private readonly visited = new Int32Array(NFIBER);
  private stamp = 0;

  constructor(
    private readonly targets: ReachableTargets,
    private readonly load: PositionerCost,
    keepout: number,
    private readonly scienceMax = Infinity,
  ) {
    this.tAssigned = new Int32Array(targets.n).fill(-1);
    this.tips = new TipGrid(this.fp.maxCentreRadius + PATROL_RADIUS_MM + keepout, keepout, NFIBER);
  }

  /** Whether positioner `pos`'s petal may take one more science fiber. */
  readonly scienceRoom = (pos: number): boolean => (this.scienceCount[this.petalOf(pos)] ?? 0) < this.scienceMax;

  /** The petal of positioner `pos`. */
  petalOf(pos: number): number {
    return this.fp.petal[pos] ?? 0;
  }

  /**
   * Gives target `t` a positioner `allow` accepts, as `as`, unless its tip would come within the
   * keep-out of a fiber already placed: the cheapest free one, else one freed by moving assigned
   * targets (see {@link freeFor}). Returns the positioner, or −1 (also when `t` is assigned).
   */
  tryAssign(t: number, as: number, allow: (pos: number) => boolean): number {
    if ((this.tAssigned[t] ?? -1) >= 0) return -1;
    const x = this.targets.x[t] ?? 0;
    const y = this.targets.y[t] ?? 0;
    if (this.tips.collides(x, y)) return -1;
    this.stamp++;
    const best = this.freeFor(t, allow, AUGMENT_DEPTH);
    if (best < 0) return -1;
    this.posTarget[best] = t;
    this.role[best] = as;
    this.tAssigned[t] = best;
    if (as === ROLE.SCIENCE) this.scienceCount[this.petalOf(best)] = (this.scienceCount[this.petalOf(best)] ?? 0) + 1;
    this.tips.add(x, y);
    return best;
  }

  /**
   * A free positioner `allow` accepts for target `t`: the cheapest free one, else one freed by
   * moving its target to another positioner that reaches it (an augmenting path of up to `depth`
   * moves, as fiberassign redistributes). A move leaves every fiber tip where it is, so the
   * keep-out still holds; a sky or standard fiber moves only within its petal, so the per-petal
   * counts hold too; a science fiber moves to another petal only when that petal has room. −1 when
   * there is none.
   */
  private freeFor(t: number, allow: (pos: number) => boolean, depth: number): number {
    const { start, positioners: cand } = this.targets;
    const { posTarget, role, visited } = this;
    const load = this.load.cost;
    let best = -1;
    for (let j = start[t] ?? 0; j < (start[t + 1] ?? 0); j++) {
      const pos = cand[j] ?? 0;
      if ((posTarget[pos] ?? 0) >= 0 || !allow(pos)) continue;
      if (best < 0 || (load[pos] ?? 0) < (load[best] ?? 0) - LOAD_TIE || (Math.abs((load[pos] ?? 0) - (load[best] ?? 0)) <= LOAD_TIE && pos < best)) best = pos;
    }
    if (best >= 0 || depth === 0) return best;
    for (let j = start[t] ?? 0; j < (start[t + 1] ?? 0); j++) {
      const q = cand[j] ?? 0;
      if (visited[q] === this.stamp || !allow(q)) continue;
      visited[q] = this.stamp;
      const u = posTarget[q] ?? -1;
      const as = role[q] ?? ROLE.NONE;
      const petal = this.fp.petal[q];
      const science =
        as === ROLE.SCIENCE && this.scienceMax === Infinity
          ? anyPositioner
          : (p: number): boolean => this.fp.petal[p] === petal || (as === ROLE.SCIENCE && this.scienceRoom(p));
      const alt = this.freeFor(u, science, depth - 1);
      if (alt < 0) continue;
      if (as === ROLE.SCIENCE) {
        this.scienceCount[petal ?? 0] = (this.scienceCount[petal ?? 0] ?? 0) - 1;
        this.scienceCount[this.petalOf(alt)] = (this.scienceCount[this.petalOf(alt)] ?? 0) + 1;
      }
      posTarget[alt] = u;
      role[alt] = as;
      this.tAssigned[u] = alt;
      posTarget[q] = -1;
      role[q] = ROLE.NONE;
      return q;
    }
    return -1;
  }
}
