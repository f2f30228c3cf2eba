import { DECAM2014_G, DECAM2014_R, DECAM2014_Z } from "./decam2014.js";

/**
 * A filter's total throughput as published breakpoints, linear in between and zero outside.
 */
export interface FilterCurve {
  /** The filter's name, e.g. `decam2014-r`. */
  readonly name: string;
  /** Breakpoint wavelengths, vacuum Å, increasing. */
  readonly wave: Float64Array;
  /** Dimensionless response at each breakpoint. */
  readonly response: Float64Array;
  /**
   * The main band: the first and last wavelength where the response reaches 1 % of its
   * peak. Synthetic photometry needs a spectrum that covers at least this range.
   */
  readonly band: readonly [number, number];
}

const TABLES: Readonly<Record<string, readonly number[]>> = {
  "decam2014-g": DECAM2014_G,
  "decam2014-r": DECAM2014_R,
  "decam2014-z": DECAM2014_Z,
};

/** The names {@link filterCurve} accepts (case-insensitively). */
export const FILTER_NAMES: readonly string[] = Object.keys(TABLES);

const cache = new Map<string, FilterCurve>();

/**
 * The throughput of the named filter: DECam g, r or z as published with speclite (see
 * `decam2014.ts`). Throws a RangeError naming the known filters for any other name.
 */
export function filterCurve(name: string): FilterCurve {
  const key = name.trim().toLowerCase();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const pairs = TABLES[key];
  if (pairs === undefined) {
    throw new RangeError(`unknown filter \`${name}\`; the template library knows ${FILTER_NAMES.map((n) => `\`${n}\``).join(", ")}`);
  }
  const n = pairs.length / 2;
  const wave = new Float64Array(n);
  const response = new Float64Array(n);
  let peak = 0;
  for (let i = 0; i < n; i++) {
    wave[i] = (pairs[2 * i] as number) * 10;
    response[i] = pairs[2 * i + 1] as number;
    peak = Math.max(peak, response[i] as number);
  }
  let lo = 0;
  while ((response[lo] as number) < 0.01 * peak) lo++;
  let hi = n - 1;
  while ((response[hi] as number) < 0.01 * peak) hi--;
  const curve: FilterCurve = { name: key, wave, response, band: [wave[lo] as number, wave[hi] as number] };
  cache.set(key, curve);
  return curve;
}

/** The response of `curve` at `wave` Å, by linear interpolation between breakpoints. */
export function filterResponse(curve: FilterCurve, wave: number): number {
  const w = curve.wave;
  const n = w.length;
  if (!(wave > (w[0] as number)) || !(wave < (w[n - 1] as number))) return 0;
  // Breakpoints sit on whole nanometres with gaps; a binary search finds the segment.
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((w[mid] as number) <= wave) lo = mid;
    else hi = mid;
  }
  const x0 = w[lo] as number;
  const y0 = curve.response[lo] as number;
  return y0 + ((curve.response[hi] as number) - y0) * ((wave - x0) / ((w[hi] as number) - x0));
}
