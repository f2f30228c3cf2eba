import type { FiberFlat } from "../datamodel/FiberFlat.js";
import type { FibermapTable } from "../datamodel/FibermapTable.js";
import type { Frame } from "../datamodel/Frame.js";
import type { Sky } from "../datamodel/Sky.js";
import type { StdStars } from "../datamodel/StdStars.js";
import { image } from "../datamodel/values.js";
import { redden, sfdExtinction } from "../instrument/index.js";
import { KernelError, type Gather, type Handle, type KernelContext } from "../kernel.js";
import { integerKeyOf } from "../kernelKey.js";
import { DESI_MASK } from "../targetmask/index.js";
import { abMagnitude } from "../templates/index.js";
import { medianInPlace } from "./columnMedian.js";
import { prepareFrame, type PreparedFrame } from "./preparedFrame.js";
import { CANONICAL_NODE, STAR_FEH, STAR_LOGG, STAR_TEFF, starGridColour, starGridModel, starGridWave, nodeIndex, type StarNode } from "./starGrid.js";
import {
  GM_NODES,
  ModelBank,
  type CameraData,
  type StarData,
  meanResolution,
  normalisedChi2,
  parabolaOffset,
  fitPixels,
  rebinData,
  rebinnedLength,
  shapedChi2,
  teffBracket,
} from "./stdstarFit.js";
import { takeFibermapRows } from "./takeFibermapRows.js";

const KERNEL = "calib.stdstars";
/** Minimum median S/N per pixel of a standard in the b camera (desispec stdstars; docs/sources.md#stdstars). */
export const MIN_BLUE_SNR = 4;
/** At most this many standards per petal, the brightest in r (desispec stdstars). */
export const MAX_STDSTARS = 30;
/** r-band Galactic extinction per unit E(B−V) of the fibermap's photometry (Schlafly & Finkbeiner 2011 for DECam; docs/sources.md#efftime). */
export const R_EXTINCTION_R = 2.165;
/** g-band Galactic extinction per unit E(B−V) of the fibermap's photometry (Schlafly & Finkbeiner 2011 for DECam). */
export const R_EXTINCTION_G = 3.214;
/** Width (mag) of the photometric g − r prior on the model's colour. */
export const COLOUR_SIGMA = 0.02;
/** Radial velocity search: |z| ≤ 0.003 in steps of 1e-4, then 2e-5 around the best (desispec searches |z| ≤ 0.008 at 2e-5). */
const RV_RANGE = 0.003;
const RV_COARSE = 1e-4;
const RV_FINE = 2e-5;

/** The camera bands a petal's fit uses, in order. */
const BANDS = ["b", "r", "z"] as const;

/**
 * Fits a stellar model to each standard star of one petal of one exposure (`ctx.key`: `exposure`,
 * `petal`) on its three cameras together, as desispec's stdstars does (docs/sources.md#stdstars):
 *
 * 1. each camera's frame is divided by its fiber flat and sky-subtracted (`prepareFrame`);
 * 2. the standards are the FIBERSTATUS-0 targets with STD_FAINT or STD_BRIGHT, a positive FLUX_R
 *    and a median S/N ≥ 4 per pixel in b, at most the 30 brightest;
 * 3. the radial velocity is fitted with the canonical F model (6000 K, log g 4, [Fe/H] −1.5),
 *    both normalised by a smooth curve per camera, on 3.2 Å pixels, masking sky lines, telluric
 *    bands, interstellar Ca H&K and λ > 8270 Å, with a 10 % template error;
 * 4. the model grid (`starGrid.ts`) is searched the same way: Teff at the canonical log g and
 *    [Fe/H], then log g × [Fe/H] at the best Teff, then Teff again;
 * 5. second pass: the calibration shape that the other standards of the petal measure (the median
 *    of their data / model ratios) replaces the free smooth curve, so the continuum slope, not
 *    only the lines, chooses the model; Teff is refined by a parabola through the χ² of the
 *    nodes around the best and the model interpolated linearly between the two Teff nodes;
 * 6. the model is scaled to the star's r magnitude from FLUX_R, corrected for E(B−V) (2.165 E(B−V)),
 *    through decam2014-r, and reddened by the fibermap's EBV (SFD-recalibrated CCM curve).
 *
 * No standard star on the petal throws a KernelError: the flux calibration has nothing to stand on.
 */
export async function stdstars(
  inputs: { readonly frames: Gather<Frame>; readonly fiberflats: Gather<FiberFlat>; readonly skies: Gather<Sky> },
  _params: Readonly<Record<string, never>>,
  ctx: KernelContext,
): Promise<{ stdstars: StdStars }> {
  const expid = integerKeyOf(ctx.key, "exposure", KERNEL);
  const petal = integerKeyOf(ctx.key, "petal", KERNEL);
  const [frames, flats, skies] = await Promise.all([readAll(inputs.frames), readAll(inputs.fiberflats), readAll(inputs.skies)]);
  const byBand = (list: readonly { readonly header: Record<string, string | number | boolean | bigint> }[], what: string) =>
    BANDS.map((b) => {
      const hit = list.find((x) => String(x.header["CAMERA"] ?? "").startsWith(b));
      if (hit === undefined) throw new KernelError(`${KERNEL}: exposure ${expid} petal ${petal} has no ${what} of camera ${b}${petal}`);
      return hit;
    });
  const fr = byBand(frames, "frame") as Frame[];
  const fl = byBand(flats, "fiber flat") as FiberFlat[];
  const sk = byBand(skies, "sky") as Sky[];
  const fibermap = fr[0]!.FIBERMAP;
  // Only the candidate standards' fibers are read: the others are not prepared.
  const candidates = standardCandidates(fibermap);
  const prepared = fr.map((f, c) => prepareFrame(f, fl[c]!, sk[c]!, `${KERNEL} (exposure ${expid}, camera ${BANDS[c]}${petal})`, candidates));
  const chosen = selectStandards(fibermap, candidates, prepared[0]!);
  if (chosen.length === 0) {
    throw new KernelError(
      `${KERNEL}: exposure ${expid} petal ${petal} has no usable standard star (STD_FAINT or STD_BRIGHT, FIBERSTATUS 0, b-camera S/N ≥ ${MIN_BLUE_SNR}); the petal cannot be flux-calibrated`,
    );
  }
  const colours = chosen.map((f) => dereddenedColour(fibermap, f));
  const fits = fitStandards(fr, prepared, chosen, colours);
  return { stdstars: buildStdStars(fr[0]!.header, fibermap, chosen, fits, prepared) };
}

async function readAll<T>(g: Gather<T>): Promise<T[]> {
  const handles: Handle<T>[] = [];
  for await (const h of g) handles.push(h);
  return Promise.all(handles.map((h) => h.read()));
}

/** Median S/N per pixel of fiber `f` over the pixels with information. */
export function medianSnr(p: PreparedFrame, f: number): number {
  const v = new Float64Array(p.nwave);
  let n = 0;
  for (let i = 0; i < p.nwave; i++) {
    const w = p.ivar[f * p.nwave + i]!;
    if (w > 0) v[n++] = p.flux[f * p.nwave + i]! * Math.sqrt(w);
  }
  return n > 0 ? medianInPlace(v, n) : 0;
}

/** Rows of the fibermap's standard stars (STD_FAINT or STD_BRIGHT) on a working fiber with an r flux. */
function standardCandidates(fm: FibermapTable): number[] {
  const bits = DESI_MASK.STD_FAINT | DESI_MASK.STD_BRIGHT;
  const rows: number[] = [];
  for (let f = 0; f < fm.FIBER.length; f++) {
    if ((fm.DESI_TARGET[f]! & bits) === 0n || fm.FIBERSTATUS[f] !== 0 || fm.OBJTYPE[f]?.trim() !== "TGT" || !(fm.FLUX_R[f]! > 0)) continue;
    rows.push(f);
  }
  return rows;
}

/** Rows of the petal's standards among `candidates`, brightest first, at most {@link MAX_STDSTARS}. */
function selectStandards(fm: FibermapTable, candidates: readonly number[], blue: PreparedFrame): number[] {
  const rows = candidates.filter((f) => medianSnr(blue, f) >= MIN_BLUE_SNR);
  rows.sort((a, b) => fm.FLUX_R[b]! - fm.FLUX_R[a]!);
  return rows.slice(0, MAX_STDSTARS).sort((a, b) => a - b);
}

/** One standard's fit. */
interface StarFit {
  readonly node: StarNode;
  readonly teff: number;
  readonly z: number;
  readonly chi2dof: number;
}

/** Steps 3–5 of {@link stdstars} for every chosen standard. */
function fitStandards(frames: readonly Frame[], prepared: readonly PreparedFrame[], rows: readonly number[], colours: readonly (number | null)[]): StarFit[] {
  const wave = starGridWave();
  const cameras: CameraData[] = prepared.map((p, c) => {
    const offset = Math.round((p.wave[0]! - wave[0]!) / (wave[1]! - wave[0]!));
    if (
      offset < 0 ||
      offset + p.nwave > wave.length ||
      Math.abs(wave[offset]! - p.wave[0]!) > 0.01 ||
      Math.abs(wave[offset + p.nwave - 1]! - p.wave[p.nwave - 1]!) > 0.01
    )
      throw new KernelError(
        `${KERNEL}: camera ${BANDS[c]}'s wavelengths ${p.wave[0]}–${p.wave[p.nwave - 1]} Å are not on the 0.8 Å grid 3600–9824 Å of the star models`,
      );
    const res = frames[c]!.RESOLUTION.data;
    return { offset, nwave: p.nwave, resolution: meanResolution(res, rows, p.nwave) };
  });
  const bank = new ModelBank(cameras);
  const use = prepared.map((p) => fitPixels(p.wave));
  const stars: StarData[] = rows.map((f) => {
    const flux = new Float64Array(bank.length);
    const ivar = new Float64Array(bank.length);
    let o = 0;
    prepared.forEach((p, c) => {
      rebinData(use[c]!, p.flux, p.ivar, f * p.nwave, flux, ivar, o);
      o += rebinnedLength(p.nwave);
    });
    return { flux, ivar };
  });
  const model = new Float64Array(bank.length);
  const chiN = (s: StarData, n: StarNode, z: number): number => {
    bank.shifted(n, z, model);
    return normalisedChi2(s, model, cameras)[0];
  };
  const chiColour = (i: number, n: StarNode): number => {
    const c = colours[i];
    return c === null || c === undefined ? 0 : ((starGridColour(n) - c) / COLOUR_SIGMA) ** 2;
  };
  // Radial velocity, then the first pass.
  const first = stars.map((s, i) => {
    const z = fitRedshift((zz) => chiN(s, CANONICAL_NODE, zz));
    const node = searchGrid((n) => chiN(s, n, z) + chiColour(i, n));
    return { node, z };
  });
  // Second pass with the calibration shape of the other standards.
  const models = first.map((p) => {
    const m = new Float64Array(bank.length);
    bank.shifted(p.node, p.z, m);
    return m;
  });
  const ratios = stars.length >= 3 ? starRatios(stars, models) : null;
  return stars.map((s, i) => {
    const { z } = first[i]!;
    const shape = ratios !== null ? otherShape(ratios, i) : null;
    const chi = (n: StarNode): number => {
      bank.shifted(n, z, model);
      return (shape !== null ? shapedChi2(s, model, shape)[0] : normalisedChi2(s, model, cameras)[0]) + chiColour(i, n);
    };
    const node = shape !== null ? searchGrid(chi, first[i]!.node) : first[i]!.node;
    const cm = node.t > 0 ? chi({ ...node, t: node.t - 1 }) : Infinity;
    const c0 = chi(node);
    const cp = node.t < STAR_TEFF.length - 1 ? chi({ ...node, t: node.t + 1 }) : Infinity;
    const off = Number.isFinite(cm) && Number.isFinite(cp) ? parabolaOffset(cm, c0, cp) : 0;
    const teff = STAR_TEFF[node.t]! + off * (STAR_TEFF[1]! - STAR_TEFF[0]!);
    bank.interpolated(teff, node, z, model);
    const [chi2, npix] = shape !== null ? shapedChi2(s, model, shape) : normalisedChi2(s, model, cameras);
    return { node, teff, z, chi2dof: npix > 1 ? chi2 / (npix - 1) : 0 };
  });
}

/**
 * The star's intrinsic g − r from the fibermap (FLUX_G, FLUX_R in nanomaggies, dereddened with
 * (3.214 − 2.165) E(B−V)), or null without a positive FLUX_G: desispec checks the model against the
 * photometric colour; this fit uses it as a prior of width {@link COLOUR_SIGMA}, which pins Teff
 * where the normalised spectrum leaves Teff, log g and [Fe/H] degenerate.
 */
function dereddenedColour(fm: FibermapTable, f: number): number | null {
  const g = fm.FLUX_G[f]!;
  const r = fm.FLUX_R[f]!;
  if (!(g > 0) || !(r > 0)) return null;
  const ebv = Number.isFinite(fm.EBV[f]!) ? fm.EBV[f]! : 0;
  return -2.5 * Math.log10(g / r) - (R_EXTINCTION_G - R_EXTINCTION_R) * ebv;
}

/** The χ²-minimising redshift: a coarse scan, a parabola, then a fine scan around it. */
function fitRedshift(chi: (z: number) => number): number {
  let best = 0;
  let bestChi = Infinity;
  for (let z = -RV_RANGE; z <= RV_RANGE + 1e-12; z += RV_COARSE) {
    const c = chi(z);
    if (c < bestChi) [best, bestChi] = [z, c];
  }
  const centre = best + RV_COARSE * parabolaOffset(chi(best - RV_COARSE), bestChi, chi(best + RV_COARSE));
  for (let k = -5; k <= 5; k++) {
    const z = centre + k * RV_FINE;
    const c = chi(z);
    if (c < bestChi) [best, bestChi] = [z, c];
  }
  return best;
}

/** Teff at the start's log g and [Fe/H], then log g × [Fe/H] at the best Teff, then Teff again. */
function searchGrid(chi: (n: StarNode) => number, start: StarNode = CANONICAL_NODE): StarNode {
  let node = start;
  let bestChi = Infinity;
  // A node the search comes back to (the start of the log g × [Fe/H] scan, the second Teff scan) keeps its χ².
  const seen = new Map<number, number>();
  const tryNode = (n: StarNode): void => {
    const k = nodeIndex(n);
    let c = seen.get(k);
    if (c === undefined) {
      c = chi(n);
      seen.set(k, c);
    }
    if (c < bestChi) [node, bestChi] = [n, c];
  };
  const scanTeff = (): void => {
    const base = node;
    for (let t = 0; t < STAR_TEFF.length; t++) tryNode({ ...base, t });
  };
  scanTeff();
  const base = node;
  for (const [g, m] of GM_NODES) tryNode({ t: base.t, g, m });
  scanTeff();
  return node;
}

/** Each standard's data / model, normalised to median 1 (NaN where the pixel has no weight or model). */
function starRatios(stars: readonly StarData[], models: readonly Float64Array[]): Float64Array[] {
  const n = models[0]!.length;
  const finite = new Float64Array(n);
  return stars.map((s, k) => {
    const r = new Float64Array(n).fill(NaN);
    const m = models[k]!;
    for (let j = 0; j < n; j++) if (s.ivar[j]! > 0 && m[j]! > 0) r[j] = s.flux[j]! / m[j]!;
    let nf = 0;
    for (let j = 0; j < n; j++) if (Number.isFinite(r[j]!)) finite[nf++] = r[j]!;
    const mid = nf > 0 ? medianInPlace(finite, nf) : 1;
    for (let j = 0; j < n; j++) r[j]! /= mid;
    return r;
  });
}

/** The median, over the standards other than `i`, of their {@link starRatios}. */
function otherShape(ratios: readonly Float64Array[], i: number): Float64Array {
  const n = ratios[0]!.length;
  const shape = new Float64Array(n);
  const v = new Float64Array(ratios.length);
  for (let j = 0; j < n; j++) {
    let m = 0;
    for (let k = 0; k < ratios.length; k++) if (k !== i && Number.isFinite(ratios[k]![j]!)) v[m++] = ratios[k]![j]!;
    shape[j] = m > 0 ? medianInPlace(v, m) : 0;
  }
  return shape;
}

/** The StdStars product: each model at its Teff, shifted, scaled to the photometry and reddened. */
function buildStdStars(
  header: Record<string, string | number | boolean | bigint>,
  fm: FibermapTable,
  rows: readonly number[],
  fits: readonly StarFit[],
  prepared: readonly PreparedFrame[],
): StdStars {
  const wave = starGridWave();
  const nw = wave.length;
  const flux = new Float32Array(rows.length * nw);
  const curve = Float64Array.from(wave, sfdExtinction);
  const shifted = new Float64Array(nw);
  rows.forEach((f, s) => {
    const fit = fits[s]!;
    const [t0, t1, u] = teffBracket(fit.teff);
    const a = starGridModel({ ...fit.node, t: t0 });
    const b = starGridModel({ ...fit.node, t: t1 });
    const step = wave[1]! - wave[0]!;
    for (let i = 0; i < nw; i++) {
      const x = (wave[i]! / (1 + fit.z) - wave[0]!) / step;
      const i0 = Math.min(nw - 2, Math.max(0, Math.floor(x)));
      const t = Math.min(1, Math.max(0, x - i0));
      const v0 = (1 - u) * a[i0]! + u * b[i0]!;
      const v1 = (1 - u) * a[i0 + 1]! + u * b[i0 + 1]!;
      shifted[i] = (1 - t) * v0 + t * v1;
    }
    const ebv = Number.isFinite(fm.EBV[f]!) ? fm.EBV[f]! : 0;
    const rIntrinsic = 22.5 - 2.5 * Math.log10(fm.FLUX_R[f]!) - R_EXTINCTION_R * ebv;
    const scale = 10 ** (-0.4 * (rIntrinsic - abMagnitude(wave, shifted, "decam2014-r")));
    for (let i = 0; i < nw; i++) shifted[i]! *= scale;
    redden(wave, shifted, ebv, curve);
    flux.set(shifted, s * nw);
  });
  const col = (g: (s: number) => number): Float64Array => Float64Array.from(rows, (_, s) => g(s));
  return {
    header: {
      NIGHT: header["NIGHT"] ?? 0,
      EXPID: header["EXPID"] ?? 0,
      TILEID: header["TILEID"] ?? 0,
      SPECGRPH: header["SPECGRPH"] ?? 0,
      EXPTIME: header["EXPTIME"] ?? 0,
    },
    FLUX: image(flux, [rows.length, nw]),
    WAVELENGTH: image(Float32Array.from(wave), [nw]),
    FIBERS: image(
      Int32Array.from(rows, (f) => fm.FIBER[f]!),
      [rows.length],
    ),
    METADATA: {
      TARGETID: BigInt64Array.from(rows, (f) => fm.TARGETID[f]!),
      FIBER: Int32Array.from(rows, (f) => fm.FIBER[f]!),
      LOGG: col((s) => STAR_LOGG[fits[s]!.node.g]!),
      TEFF: col((s) => fits[s]!.teff),
      FEH: col((s) => STAR_FEH[fits[s]!.node.m]!),
      CHI2DOF: col((s) => fits[s]!.chi2dof),
      REDSHIFT: col((s) => fits[s]!.z),
      BLUE_SNR: col((s) => medianSnr(prepared[0]!, rows[s]!)),
      RED_SNR: col((s) => medianSnr(prepared[1]!, rows[s]!)),
      NIR_SNR: col((s) => medianSnr(prepared[2]!, rows[s]!)),
    },
    FIBERMAP: takeFibermapRows(fm, rows),
  };
}
