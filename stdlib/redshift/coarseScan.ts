import { fft, nextPow2 } from "./fft.js";
import { finishFit, BAD_CHI2 } from "./exactChi2.js";
import { igmTransmissionAt, LYA } from "./igm.js";
import type { PreparedTarget } from "./prepareTarget.js";
import { rebinAt, rebinTable } from "./rebin.js";
import type { TemplateModel } from "./TemplateModel.js";

/**
 * The approximate coarse scan. The data are summed into bins uniform in log10 λ (width δ):
 * W_b = Σ w, G_b = Σ w f over the pixels whose centre falls in bin b, and the template is
 * averaged over the same bins in its rest frame. On such a grid a redshift is a shift, so for
 * a grid uniform in log10(1 + z) with a step of m bins,
 *   M_ij(z_n) = Σ_b W_b τ_i(b + j_n) τ_j(b + j_n),   y_i(z_n) = Σ_b G_b τ_i(b + j_n),
 * are correlations at lags j_n, all of them computed at once by FFT. For grids that are not a
 * whole number of bins apart (the linear STAR grid) the sums are made at the integer shifts
 * around the grid and the template is interpolated linearly between neighbouring shifts.
 *
 * The approximation: inside the scan each target's resolution is not applied (the bins, ≈ 100
 * km/s, are about one resolution element wide, so they stand in for it) and the data are binned.
 * It only ranks the minima: every minimum the fit keeps is re-found on the grid with exact
 * solves (the template rebinned onto the pixels and convolved with the target's own R) before
 * the fine fit, which is exact throughout.
 */
export interface CoarseScan {
  readonly model: TemplateModel;
  /** Approximate χ²(z) of one target on the template's grid. */
  scan(target: PreparedTarget): Float64Array;
}

/** Bin width (log10 λ) the scan aims at: ≈ 100 km/s. */
const TARGET_BIN = 1.5e-4;
/** Bin width of the interpolated (STAR) scan. */
const INTERP_BIN = 2e-4;

/** Data binned on a log10 λ grid starting at `l0`, step `delta`. */
interface Binned {
  readonly w: Float64Array;
  readonly g: Float64Array;
  /** The IGM weights: Σ w T² and Σ w f T with T the transmission at the bin centre (or null). */
  readonly wt2: Float64Array | null;
  readonly gt: Float64Array | null;
}

/** Sums a target into `nbins` log10 λ bins of width `delta` from `l0`; with IGM weights for a source at `zIgm` when given. */
function binTarget(target: PreparedTarget, l0: number, delta: number, nbins: number): Binned {
  const w = new Float64Array(nbins);
  const g = new Float64Array(nbins);
  for (const band of target.bands) {
    for (let p = 0; p < band.wave.length; p++) {
      const wp = band.w[p]!;
      if (wp === 0) continue;
      const b = Math.floor((Math.log10(band.wave[p]!) - l0) / delta);
      if (b < 0 || b >= nbins) continue;
      w[b]! += wp;
      g[b]! += wp * band.flux[p]!;
    }
  }
  return { w, g, wt2: null, gt: null };
}

/** Mean transmission at the centre of each observed bin (independent of z blueward of Lyα). */
function binTransmission(l0: number, delta: number, nbins: number): Float64Array {
  const t = new Float64Array(nbins);
  for (let b = 0; b < nbins; b++) t[b] = igmTransmissionAt(10 ** (l0 + (b + 0.5) * delta), Infinity);
  return t;
}

/** Averages of the template's basis vectors over rest bins [10^(r0 + kδ), 10^(r0 + (k+1)δ)], k < n. */
function restBins(model: TemplateModel, r0: number, delta: number, n: number): Float64Array[] {
  const edges = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) edges[k] = 10 ** (r0 + k * delta);
  const nb = model.nbasis;
  const flat = new Float64Array(n * nb);
  rebinAt(rebinTable(model.template.wave, model.template.basis), 0, edges, flat);
  const out: Float64Array[] = [];
  for (let b = 0; b < nb; b++) {
    const v = new Float64Array(n);
    for (let k = 0; k < n; k++) v[k] = flat[k * nb + b]!;
    out.push(v);
  }
  return out;
}

/** Splits rest-bin vectors at Lyα: the part blueward (absorbed by the IGM) and the rest. */
function splitAtLya(v: readonly Float64Array[], r0: number, delta: number): [Float64Array[], Float64Array[]] {
  const blue = v.map((x) => Float64Array.from(x));
  const red = v.map((x) => Float64Array.from(x));
  const n = v[0]!.length;
  for (let k = 0; k < n; k++) {
    const centre = 10 ** (r0 + (k + 0.5) * delta);
    for (let b = 0; b < v.length; b++) {
      if (centre < LYA) red[b]![k] = 0;
      else blue[b]![k] = 0;
    }
  }
  return [blue, red];
}

/** Creates the coarse scan of `model` for data whose wavelengths lie within [`waveMin`, `waveMax`] Å. */
export function coarseScan(model: TemplateModel, waveMin: number, waveMax: number): CoarseScan {
  const zs = model.template.redshifts;
  const nz = zs.length;
  const a0 = Math.log10(1 + zs[0]!);
  const step = nz > 1 ? Math.log10(1 + zs[1]!) - a0 : 0;
  let uniform = nz > 2 && step > 0;
  for (let n = 0; uniform && n < nz; n++) if (Math.abs(Math.log10(1 + zs[n]!) - (a0 + n * step)) > 1e-9 + 1e-6 * step) uniform = false;
  const m = uniform ? Math.max(1, Math.round(step / TARGET_BIN)) : 0;
  if (uniform && m * TARGET_BIN > 4 * step) uniform = false;
  return uniform ? shiftScan(model, waveMin, waveMax, a0, step, m) : interpolatedScan(model, waveMin, waveMax);
}

/** A real sequence's spectrum. */
interface Spectrum2 {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Spectra of real sequences, two per complex FFT (Z = FFT(a + i b): A = (Z + conj Z*)/2, B = (Z − conj Z*)/2i). */
function realSpectra(seqs: readonly Float64Array[], n: number): Spectrum2[] {
  const out: Spectrum2[] = [];
  for (let s = 0; s < seqs.length; s += 2) {
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    re.set(seqs[s]!.subarray(0, Math.min(n, seqs[s]!.length)));
    const other = seqs[s + 1];
    if (other !== undefined) im.set(other.subarray(0, Math.min(n, other.length)));
    fft(re, im, false);
    const ar = new Float64Array(n);
    const ai = new Float64Array(n);
    const br = new Float64Array(n);
    const bi = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const k2 = (n - k) % n;
      ar[k] = 0.5 * (re[k]! + re[k2]!);
      ai[k] = 0.5 * (im[k]! - im[k2]!);
      br[k] = 0.5 * (im[k]! + im[k2]!);
      bi[k] = -0.5 * (re[k]! - re[k2]!);
    }
    out.push({ re: ar, im: ai });
    if (other !== undefined) out.push({ re: br, im: bi });
  }
  return out;
}

/** One correlation output: Σ over terms of conj(weight spectrum) × product spectrum. */
type Job = readonly (readonly [weight: number, product: number])[];

/** Inverse transforms of the jobs' spectra, two real outputs per complex FFT. */
function runJobs(jobs: readonly Job[], weights: readonly Spectrum2[], products: readonly Spectrum2[], n: number): Float64Array[] {
  const out: Float64Array[] = [];
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let s = 0; s < jobs.length; s += 2) {
    re.fill(0);
    im.fill(0);
    for (let h = 0; h < 2; h++) {
      const job = jobs[s + h];
      if (job === undefined) continue;
      for (const [wi, pi] of job) {
        const w = weights[wi]!;
        const p = products[pi]!;
        for (let k = 0; k < n; k++) {
          // conj(W) · P
          const xr = w.re[k]! * p.re[k]! + w.im[k]! * p.im[k]!;
          const xi = w.re[k]! * p.im[k]! - w.im[k]! * p.re[k]!;
          if (h === 0) {
            re[k]! += xr;
            im[k]! += xi;
          } else {
            re[k]! -= xi;
            im[k]! += xr;
          }
        }
      }
    }
    fft(re, im, true);
    out.push(Float64Array.from(re));
    if (s + 1 < jobs.length) out.push(Float64Array.from(im));
  }
  return out;
}

/** The FFT scan of a grid uniform in log10(1 + z) with `m` bins per step. */
function shiftScan(model: TemplateModel, waveMin: number, waveMax: number, a0: number, step: number, m: number): CoarseScan {
  const zs = model.template.redshifts;
  const nz = zs.length;
  const nb = model.nbasis;
  const delta = step / m;
  const l0 = Math.log10(waveMin) - delta;
  const nbins = Math.ceil((Math.log10(waveMax) - l0) / delta) + 1;
  const r0 = l0 - a0 - (nz - 1) * step;
  const nrest = nbins + (nz - 1) * m;
  const n = nextPow2(nrest);
  const tau = restBins(model, r0, delta, nrest);
  const igm = model.template.igm && (1 + zs[nz - 1]!) * LYA > waveMin;
  const [blue, red] = igm ? splitAtLya(tau, r0, delta) : [null, tau];
  const seqs: Float64Array[] = [];
  const pairIndex = (a: number, b: number): number => a * nb - (a * (a - 1)) / 2 + (b - a);
  const npair = (nb * (nb + 1)) / 2;
  const parts = blue === null ? [red] : [red, blue];
  for (const part of parts) {
    for (let a = 0; a < nb; a++) {
      for (let b = a; b < nb; b++) {
        const p = new Float64Array(nrest);
        for (let k = 0; k < nrest; k++) p[k] = part[a]![k]! * part[b]![k]!;
        seqs.push(p);
      }
    }
    for (let a = 0; a < nb; a++) seqs.push(part[a]!);
  }
  const products = realSpectra(seqs, n);
  const per = npair + nb;
  // Weight spectra: 0 = W, 1 = G, 2 = W T², 3 = G T.
  const jobs: Job[] = [];
  for (let q = 0; q < npair; q++)
    jobs.push(
      blue === null
        ? [[0, q]]
        : [
            [0, q],
            [2, per + q],
          ],
    );
  for (let a = 0; a < nb; a++)
    jobs.push(
      blue === null
        ? [[1, npair + a]]
        : [
            [1, npair + a],
            [3, per + npair + a],
          ],
    );
  const trans = igm ? binTransmission(l0, delta, nbins) : null;

  return {
    model,
    scan(target: PreparedTarget): Float64Array {
      const bins = binTarget(target, l0, delta, nbins);
      const wseq = [bins.w, bins.g];
      if (trans !== null) {
        const wt2 = new Float64Array(nbins);
        const gt = new Float64Array(nbins);
        for (let b = 0; b < nbins; b++) {
          wt2[b] = bins.w[b]! * trans[b]! * trans[b]!;
          gt[b] = bins.g[b]! * trans[b]!;
        }
        wseq.push(wt2, gt);
      }
      const weights = realSpectra(wseq, n);
      const corr = runJobs(jobs, weights, products, n);
      const out = new Float64Array(nz);
      const mm = new Float64Array(nb * nb);
      const y = new Float64Array(nb);
      for (let i = 0; i < nz; i++) {
        const lag = (nz - 1 - i) * m;
        for (let a = 0; a < nb; a++) {
          y[a] = corr[npair + a]![lag]!;
          for (let b = a; b < nb; b++) mm[a * nb + b] = mm[b * nb + a] = corr[pairIndex(a, b)]![lag]!;
        }
        out[i] = finishFit(target.wf2, mm, y, nb, model).chi2;
      }
      return out;
    },
  };
}

/**
 * The scan of a grid that is not a whole number of bins per step (STAR): sums at integer shifts
 * h of the rest bins, and between h and h + 1 the template interpolated linearly, which makes
 * M a quadratic and y a linear blend of the sums at h, at h + 1 and across them.
 */
function interpolatedScan(model: TemplateModel, waveMin: number, waveMax: number): CoarseScan {
  const zs = model.template.redshifts;
  const nz = zs.length;
  const nb = model.nbasis;
  const delta = INTERP_BIN;
  const l0 = Math.log10(waveMin) - delta;
  const nbins = Math.ceil((Math.log10(waveMax) - l0) / delta) + 1;
  const u = Array.from(zs, (z) => Math.log10(1 + z) / delta);
  const hmin = Math.floor(Math.min(...u));
  const hmax = Math.floor(Math.max(...u)) + 1;
  // Rest bin k covers log10 λ ∈ [l0 + (k − hmax) δ, … + δ); at shift h, data bin b meets rest bin b − h + hmax.
  const nrest = nbins + hmax - hmin;
  const tau = restBins(model, l0 - hmax * delta, delta, nrest);
  const nh = hmax - hmin + 1;
  if (model.template.igm && (1 + zs[nz - 1]!) * LYA > waveMin)
    throw new Error(`coarseScan: ${model.template.spectype} needs the IGM on a grid that is not uniform in log10(1 + z)`);

  return {
    model,
    scan(target: PreparedTarget): Float64Array {
      const { w, g } = binTarget(target, l0, delta, nbins);
      // mh[h][a*nb+b] = Σ W τa(h) τb(h); xh[h][a*nb+b] = Σ W τa(h) τb(h+1); yh[h][a] = Σ G τa(h).
      const mh: Float64Array[] = [];
      const xh: Float64Array[] = [];
      const yh: Float64Array[] = [];
      for (let s = 0; s < nh; s++) {
        const h = hmin + s;
        const mm = new Float64Array(nb * nb);
        const xx = new Float64Array(nb * nb);
        const yy = new Float64Array(nb);
        for (let bin = 0; bin < nbins; bin++) {
          const wb = w[bin]!;
          if (wb === 0) continue;
          const k = bin - h + hmax;
          const k1 = k - 1;
          for (let a = 0; a < nb; a++) {
            const ta = tau[a]![k]!;
            const wta = wb * ta;
            yy[a]! += g[bin]! * ta;
            for (let b = a; b < nb; b++) mm[a * nb + b]! += wta * tau[b]![k]!;
            if (k1 >= 0) for (let b = 0; b < nb; b++) xx[a * nb + b]! += wta * tau[b]![k1]!;
          }
        }
        for (let a = 0; a < nb; a++) for (let b = 0; b < a; b++) mm[a * nb + b] = mm[b * nb + a]!;
        mh.push(mm);
        xh.push(xx);
        yh.push(yy);
      }
      const out = new Float64Array(nz);
      const mm = new Float64Array(nb * nb);
      const y = new Float64Array(nb);
      for (let i = 0; i < nz; i++) {
        const s = Math.min(nh - 2, Math.floor(u[i]!) - hmin);
        const al = u[i]! - (hmin + s);
        const p0 = (1 - al) * (1 - al);
        const p1 = al * (1 - al);
        const p2 = al * al;
        for (let a = 0; a < nb; a++) {
          y[a] = (1 - al) * yh[s]![a]! + al * yh[s + 1]![a]!;
          for (let b = 0; b < nb; b++)
            mm[a * nb + b] = p0 * mh[s]![a * nb + b]! + p1 * (xh[s]![a * nb + b]! + xh[s]![b * nb + a]!) + p2 * mh[s + 1]![a * nb + b]!;
        }
        out[i] = target.npixels === 0 ? BAD_CHI2 : finishFit(target.wf2, mm, y, nb, model).chi2;
      }
      return out;
    },
  };
}
