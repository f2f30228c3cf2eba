import { SPEED_OF_LIGHT_KM_PER_S } from "../constants/index.js";
import { REST } from "./restWavelengths.js";
import { hashNormal } from "./Rng.js";
import type { IgmSpec } from "./SourceModel.js";

/**
 * Mean Lyα forest effective optical depth τ_eff(z) = 0.0023 (1 + z)^3.65 (Kirkman et al. 2005,
 * MNRAS 360, 1373; within a few per cent of Faucher-Giguère et al. 2008, ApJ 681, 831, over
 * 2 < z < 4): the mean transmitted fraction of Lyα absorbers at redshift z is exp(−τ_eff).
 */
export function tauEff(z: number): number {
  return 0.0023 * (1 + z) ** 3.65;
}

/**
 * Width of the lognormal optical-depth fluctuations: τ = A(z) exp(σ g) with g a unit Gaussian
 * field. σ = 2 gives a transmitted-flux rms of ≈ 0.23 per 0.8 Å pixel for absorbers at
 * z ≈ 2.2, near what DESI-resolution forests show.
 */
export const FOREST_SIGMA = 2.0;

/** Spacing of the Gaussian field's nodes: 50 km/s in ln λ, a correlation length near DESI's resolution. */
const NODE_STEP = 50 / SPEED_OF_LIGHT_KM_PER_S;

/** Lyβ to Lyα optical depth of the same absorber: f_β λ_β / (f_α λ_α) (oscillator strengths 0.0791, 0.4164). */
const LYB_TO_LYA = (0.07912 * REST.LYB) / (0.4164 * REST.LYA);
const LN_LYA_OVER_LYB = Math.log(REST.LYA / REST.LYB);

/** z grid of the amplitude table. */
const Z_STEP = 0.005;
const Z_MAX = 8;

let lnAmplitude: Float64Array | undefined;

/**
 * ln A(z) for z = 0, 0.005, …, 8, such that the pointwise mean ⟨exp(−A e^{σ g})⟩ over
 * g ~ N(0, 1) is exactly exp(−τ_eff(z)): the fluctuations keep the published mean
 * transmission. Built once by quadrature over g and inversion of the monotone mean.
 */
function amplitudeTable(): Float64Array {
  if (lnAmplitude !== undefined) return lnAmplitude;
  const dn = 0.05;
  const gs: number[] = [];
  const ws: number[] = [];
  let wsum = 0;
  for (let g = -8; g <= 8 + 1e-9; g += dn) {
    gs.push(Math.exp(FOREST_SIGMA * g));
    const w = Math.exp(-0.5 * g * g);
    ws.push(w);
    wsum += w;
  }
  const lnA0 = -16;
  const dlnA = 0.01;
  const nA = 2201;
  const tau = new Float64Array(nA); // −ln ⟨T⟩ as a function of ln A, increasing
  for (let i = 0; i < nA; i++) {
    const a = Math.exp(lnA0 + i * dlnA);
    let m = 0;
    for (let j = 0; j < gs.length; j++) m += (ws[j] as number) * Math.exp(-a * (gs[j] as number));
    tau[i] = -Math.log(m / wsum);
  }
  const nz = Math.round(Z_MAX / Z_STEP) + 1;
  const out = new Float64Array(nz);
  for (let k = 0; k < nz; k++) {
    const target = tauEff(k * Z_STEP);
    let lo = 0;
    let hi = nA - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((tau[mid] as number) < target) lo = mid;
      else hi = mid;
    }
    const t0 = tau[lo] as number;
    const t1 = tau[hi] as number;
    out[k] = lnA0 + (lo + (t1 > t0 ? (target - t0) / (t1 - t0) : 0)) * dlnA;
  }
  lnAmplitude = out;
  return out;
}

function lnAmplitudeAt(table: Float64Array, z: number): number {
  const x = Math.min(Math.max(z, 0), Z_MAX) / Z_STEP;
  const k = Math.min(Math.floor(x), table.length - 2);
  const a = table[k] as number;
  return a + ((table[k + 1] as number) - a) * (x - k);
}

/**
 * Multiplies `out` by the intergalactic transmission of `igm` at the increasing observed
 * wavelengths `obsWave`:
 *
 * - Lyα forest at λ < 1215.67 (1 + z): absorbers at z_a = λ/1215.67 − 1 with optical depth
 *   A(z_a) exp(σ g(ln λ)), g a unit Gaussian field (independent N(0,1) nodes every 50 km/s
 *   drawn from the row's forest stream, linearly interpolated and renormalised to unit
 *   variance), A calibrated so the mean transmission is exp(−τ_eff(z_a)) (see {@link tauEff});
 * - Lyβ forest at λ < 1025.72 (1 + z): the same absorbers, seen in Lyβ with 0.160 of their Lyα
 *   optical depth;
 * - Lyman-limit absorption at λ < 911.75 (1 + z): τ = τ_LL + (911.75 − λ_rest)/20 Å, the
 *   intervening Lyman-limit systems and the IGM's Lyman continuum opacity.
 *
 * The transmission depends on the observed wavelength only, so any grid sees the same forest.
 */
export function applyIgm(igm: IgmSpec, obsWave: Float64Array, out: Float64Array): void {
  const n = obsWave.length;
  const zq = igm.z;
  const lyaEdge = REST.LYA * (1 + zq);
  if (n === 0 || !((obsWave[0] as number) < lyaEdge)) return;
  const table = amplitudeTable();
  const lybEdge = REST.LYB * (1 + zq);
  const llEdge = REST.LYMAN_LIMIT * (1 + zq);
  const first = Math.max(obsWave[0] as number, REST.LYB);
  const k0 = Math.floor(Math.log(first) / NODE_STEP) - 1;
  const k1 = Math.ceil((Math.log(lyaEdge) + LN_LYA_OVER_LYB) / NODE_STEP) + 1;
  const nodes = new Float64Array(Math.max(0, k1 - k0 + 1));
  for (let k = k0; k <= k1; k++) nodes[k - k0] = hashNormal(igm.forestWords, k);
  const field = (u: number): number => {
    const x = u / NODE_STEP - k0;
    const i = Math.floor(x);
    const t = x - i;
    const a = nodes[i] as number;
    const b = nodes[i + 1] as number;
    return ((1 - t) * a + t * b) / Math.sqrt((1 - t) * (1 - t) + t * t);
  };
  for (let i = 0; i < n; i++) {
    const w = obsWave[i] as number;
    if (w >= lyaEdge) break;
    let tau = 0;
    if (w > REST.LYA) {
      const u = Math.log(w);
      tau += Math.exp(lnAmplitudeAt(table, w / REST.LYA - 1) + FOREST_SIGMA * field(u));
      if (w < lybEdge && w > REST.LYB) {
        tau += LYB_TO_LYA * Math.exp(lnAmplitudeAt(table, w / REST.LYB - 1) + FOREST_SIGMA * field(u + LN_LYA_OVER_LYB));
      }
    }
    if (w < llEdge) tau += igm.tauLymanLimit + (REST.LYMAN_LIMIT - w / (1 + zq)) / 20;
    out[i] = (out[i] as number) * Math.exp(-tau);
  }
}
