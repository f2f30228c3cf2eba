/**
 * Per exposure, the depth the spectra reached: the median over its science fibers (all petals) of
 * TSNR2_LRG summed over the three cameras, and the effective time it stands for (SNR2TIME ·
 * TSNR2, desispec's tsnr; docs/sources.md), beside the survey's planned EFFTIME.
 */
import { efftimeOf } from "../calib/tsnr.js";

/** One exposure's depth. */
export interface ExposureDepth {
  readonly expid: number;
  readonly night: number;
  readonly tileid: number;
  readonly exptime: number;
  /** The survey's EFFTIME (s), what the exposure was planned to reach. */
  readonly efftimePlanned: number;
  /** Median over science fibers of TSNR2_LRG summed over b, r and z. */
  readonly tsnr2Lrg: number;
  /** SNR2TIME_LRG · tsnr2Lrg (s). */
  readonly efftimeSpec: number;
  readonly nfiber: number;
}

/** The median of `xs` (NaN for none). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The depth of one exposure from the TSNR2_LRG of each of its science fibers, keyed
 * `petal:fiber-row`, summed over cameras (a fiber seen by fewer than three cameras is left out).
 */
export function exposureDepth(e: Omit<ExposureDepth, "tsnr2Lrg" | "efftimeSpec" | "nfiber">, perCamera: readonly ReadonlyMap<string, number>[]): ExposureDepth {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const cam of perCamera)
    for (const [k, v] of cam) {
      const s = sums.get(k) ?? { sum: 0, n: 0 };
      s.sum += v;
      s.n++;
      sums.set(k, s);
    }
  const full = [...sums.values()].filter((s) => s.n === perCamera.length).map((s) => s.sum);
  const tsnr2Lrg = median(full);
  return { ...e, tsnr2Lrg, efftimeSpec: efftimeOf("LRG", tsnr2Lrg), nfiber: full.length };
}
