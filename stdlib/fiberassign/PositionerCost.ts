import { FA_TYPE, NFIBER } from "./constants.js";
import type { ReachableTargets } from "./reachableTargets.js";

/**
 * What taking each positioner costs the science targets still to come: each science target that
 * can reach it, weighted by 1 / (its positioners) and by 1000^-(rank of its priority among the
 * science priorities), so nearly lexicographic in priority. A target's weight is removed when
 * its turn comes ({@link PositionerCost.release}), so the cost counts the *other* candidates, as
 * the highest classes see them first; standards and sky fibers, placed before any science, take
 * the positioners the top classes need least.
 */
export class PositionerCost {
  /** The cost of each positioner, by positioner index. */
  readonly cost = new Float64Array(NFIBER);
  private readonly weight: Float64Array;

  constructor(private readonly targets: ReachableTargets) {
    const { n, type, priority } = targets;
    this.weight = new Float64Array(n);
    const levels = new Map<number, number>();
    for (let t = 0; t < n; t++) if (((type[t] ?? 0) & FA_TYPE.SCIENCE) !== 0) levels.set(priority[t] ?? 0, 0);
    [...levels.keys()].sort((a, b) => b - a).forEach((p, rank) => levels.set(p, 1000 ** -rank));
    for (let t = 0; t < n; t++) {
      if (((type[t] ?? 0) & FA_TYPE.SCIENCE) === 0) continue;
      this.weight[t] = (levels.get(priority[t] ?? 0) ?? 0) / ((targets.start[t + 1] ?? 0) - (targets.start[t] ?? 0));
      this.add(t, 1);
    }
  }

  /** Removes science target `t`'s weight from the positioners that reach it: its turn has come. */
  release(t: number): void {
    this.add(t, -1);
  }

  /** The lowest cost among the positioners that reach target `t` (Infinity when none does). */
  cheapest(t: number): number {
    let c = Infinity;
    for (let j = this.targets.start[t] ?? 0; j < (this.targets.start[t + 1] ?? 0); j++) c = Math.min(c, this.cost[this.targets.positioners[j] ?? 0] ?? 0);
    return c;
  }

  private add(t: number, sign: number): void {
    const w = sign * (this.weight[t] ?? 0);
    for (let j = this.targets.start[t] ?? 0; j < (this.targets.start[t + 1] ?? 0); j++) {
      const q = this.targets.positioners[j] ?? 0;
      this.cost[q] = (this.cost[q] ?? 0) + w;
    }
  }
}
