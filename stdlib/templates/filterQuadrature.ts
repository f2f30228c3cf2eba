import { AB_ZERO_POINT_ERG_PER_S_CM2_HZ, FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM, SPEED_OF_LIGHT_ANGSTROM_PER_S } from "../constants/index.js";
import { filterCurve, filterResponse } from "./filterCurve.js";

/**
 * A quadrature rule for the photon-weighted filter integral ∫ f_λ T λ dλ over a filter's whole
 * published curve: Σ weight_k · f(node_k). The renderer normalises a spectrum with it on a
 * grid of its own, so the result does not depend on the grid the caller asked for.
 */
export interface FilterQuadrature {
  /** Nodes, vacuum Å, increasing. */
  readonly nodes: Float64Array;
  /** Trapezoid weights T(λ) λ Δλ at each node, Å². */
  readonly weights: Float64Array;
  /** The same integral for the AB reference spectrum (3631 Jy), in flux units · Å². */
  readonly abIntegral: number;
}

/** Step inside the main band (response ≥ 0.5 % of peak) and in the leaks, Å. */
const COARSE = { band: 2, leak: 20 } as const;
/** A finer rule for spectra with a Lyman-alpha forest in the band: its fluctuations are ~1 Å wide. */
const FINE = { band: 0.25, leak: 20 } as const;

const cache = new Map<string, FilterQuadrature>();

/**
 * The quadrature for `filter`; `fine` selects 0.25 Å nodes in the main band instead of 2 Å
 * (20 Å in the out-of-band leaks either way). Cached per filter and resolution.
 */
export function filterQuadrature(filter: string, fine: boolean): FilterQuadrature {
  const curve = filterCurve(filter);
  const key = `${curve.name}/${fine ? "fine" : "coarse"}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const steps = fine ? FINE : COARSE;
  const peak = curve.response.reduce((a, b) => Math.max(a, b), 0);
  const xs: number[] = [];
  for (let i = 0; i + 1 < curve.wave.length; i++) {
    const a = curve.wave[i] as number;
    const b = curve.wave[i + 1] as number;
    const inBand = Math.max(curve.response[i] as number, curve.response[i + 1] as number) >= 0.005 * peak;
    const m = Math.max(1, Math.ceil((b - a) / (inBand ? steps.band : steps.leak)));
    for (let j = 0; j < m; j++) xs.push(a + ((b - a) * j) / m);
  }
  xs.push(curve.wave[curve.wave.length - 1] as number);
  const n = xs.length;
  const nodes = new Float64Array(xs);
  const weights = new Float64Array(n);
  let abIntegral = 0;
  const abFlam = (AB_ZERO_POINT_ERG_PER_S_CM2_HZ * SPEED_OF_LIGHT_ANGSTROM_PER_S) / FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM;
  for (let k = 0; k < n; k++) {
    const w = nodes[k] as number;
    const left = k > 0 ? w - (nodes[k - 1] as number) : 0;
    const right = k + 1 < n ? (nodes[k + 1] as number) - w : 0;
    const wt = filterResponse(curve, w) * w * 0.5 * (left + right);
    weights[k] = wt;
    abIntegral += (wt * abFlam) / (w * w);
  }
  const rule: FilterQuadrature = { nodes, weights, abIntegral };
  cache.set(key, rule);
  return rule;
}
