import type { CFrame } from "../datamodel/CFrame.js";
import type { CFrameScoresTable } from "../datamodel/CFrameScoresTable.js";
import type { FiberFlat } from "../datamodel/FiberFlat.js";
import type { FluxCalib } from "../datamodel/FluxCalib.js";
import type { Frame } from "../datamodel/Frame.js";
import type { Sky } from "../datamodel/Sky.js";
import { image } from "../datamodel/values.js";
import { NDIAG, PIXEL_ANGSTROM, redden, sfdExtinction } from "../instrument/index.js";
import { KernelError, type Handle, type KernelContext } from "../kernel.js";
import { medianInPlace } from "./columnMedian.js";
import { CALIB_MASK, framePreparer } from "./preparedFrame.js";
import { TRACERS, tracerFiberRatio, tsnr2Every, tsnrTerms, type Tracer, type TsnrTerms } from "./tsnr.js";

const KERNEL = "calib.calibrate";

/** The wavelength range of each band's S/N score (desispec specscore tophat_wave; docs/sources.md#efftime). */
export const SCORE_RANGE: Readonly<Record<string, readonly [number, number]>> = { b: [4000, 5800], r: [5800, 7600], z: [7600, 9800] };

/**
 * The cframe of one camera of one exposure (docs/sources.md#fluxcalib): the frame flat-fielded and
 * sky-subtracted (`prepareFrame`, fiber by fiber), divided by FLUXCALIB, with desispec's apply_flux_calibration
 * error propagation ivar' = C⁴ ivar ivar_C / (C² ivar_C + flux² ivar) and IVAR 0 (MASK NODATA)
 * where C, its ivar or the data's ivar is 0; flux 0 wherever IVAR is 0, so no NaN is written.
 * RESOLUTION is rewritten as C_f⁻¹ R C_f (R'[i, j] = R[i, j] C_f[j] / C_f[i]) so that it keeps
 * describing the calibrated spectrum. SCORES has, per fiber and with the camera's band as
 * suffix as desispec names them (MEDIAN_CALIB_SNR_B, TSNR2_ELG_B in a b cframe), MEDIAN_CALIB_SNR
 * (desispec's: the median over the band's fixed range, b 4000–5800, r 5800–7600,
 * z 7600–9800 Å, of flux · √ivar / √Δλ, masked pixels counting as 0) and TSNR2 of each tracer
 * (`tsnr.ts`), from FLUXCALIB, the fiber flat, the sky, the fibermap's EBV and the header's SEEING.
 */
export async function calibrate(
  inputs: { readonly frame: Handle<Frame>; readonly fiberflat: Handle<FiberFlat>; readonly sky: Handle<Sky>; readonly fluxcalib: Handle<FluxCalib> },
  _params: Readonly<Record<string, never>>,
  _ctx: KernelContext,
): Promise<{ cframe: CFrame }> {
  const [frame, flat, sky, cal] = await Promise.all([inputs.frame.read(), inputs.fiberflat.read(), inputs.sky.read(), inputs.fluxcalib.read()]);
  const camera = String(frame.header["CAMERA"] ?? "");
  const what = `${KERNEL} (exposure ${String(frame.header["EXPID"])}, camera ${camera})`;
  const prep = framePreparer(frame, flat, sky, what);
  const { nfiber, nwave, wave } = prep;
  if (cal.FLUXCALIB.shape[0] !== nfiber || cal.FLUXCALIB.shape[1] !== nwave)
    throw new KernelError(`${what}: the frame has ${nfiber}×${nwave} pixels but the flux calibration ${cal.FLUXCALIB.shape.join("×")}`);
  const size = nfiber * nwave;
  const flux = new Float32Array(size);
  const ivar = new Float32Array(size);
  const mask = new Int32Array(size);
  const C = cal.FLUXCALIB.data;
  const iCal = cal.IVAR.data;
  const mCal = cal.MASK.data;
  const { NODATA } = CALIB_MASK;
  // Fiber by fiber: the prepared row is used at once (no frame-sized intermediate).
  const pFlux = new Float64Array(nwave);
  const pIvar = new Float64Array(nwave);
  for (let f = 0; f < nfiber; f++) {
    const base = f * nwave;
    prep.row(f, pFlux, pIvar, mask.subarray(base, base + nwave), 0);
    for (let i = 0; i < nwave; i++) {
      const k = base + i;
      const c = C[k]!;
      const iC = iCal[k]!;
      const w = pIvar[i]!;
      const d = pFlux[i]!;
      if (!(c > 0) || !(iC > 0) || !(w > 0) || mCal[k] !== 0) {
        if (mask[k] === 0) mask[k] = NODATA;
        continue;
      }
      const c2 = c * c;
      flux[k] = d / c;
      ivar[k] = (c2 * c2 * w * iC) / (c2 * iC + d * d * w);
    }
  }
  const resolution = calibratedResolution(frame.RESOLUTION.data, C, nfiber, nwave);
  // BUNIT is the FITS codec's to write, from the data model's unit.
  const header = Object.fromEntries(Object.entries(frame.header).filter(([k]) => k !== "BUNIT"));
  return {
    cframe: {
      header,
      FLUX: image(flux, [nfiber, nwave]),
      IVAR: image(ivar, [nfiber, nwave]),
      MASK: image(mask, [nfiber, nwave]),
      WAVELENGTH: image(Float64Array.from(wave), [nwave]),
      RESOLUTION: image(resolution, [nfiber, NDIAG, nwave]),
      FIBERMAP: frame.FIBERMAP,
      SCORES: scores(frame, flat, sky, cal, wave, flux, ivar),
    },
  };
}

/**
 * R'[i, j] = R[i, j] C[j] / C[i] of every fiber (dia storage [fiber, 11, nwave], R[i, j] on
 * diagonal d = 5 − (j − i) at column j); rows i where C is not positive, or outside the camera, keep R.
 */
function calibratedResolution(R: ArrayLike<number>, C: ArrayLike<number>, nfiber: number, nwave: number): Float32Array {
  const out = new Float32Array(nfiber * NDIAG * nwave);
  const inv = new Float64Array(nwave);
  const keep: number[] = [];
  for (let f = 0; f < nfiber; f++) {
    const base = f * nwave;
    keep.length = 0;
    for (let i = 0; i < nwave; i++) {
      const c = C[base + i]!;
      const ci = c > 0 ? 1 / c : 0;
      inv[i] = ci;
      if (!(ci > 0)) keep.push(i);
    }
    for (let d = 0; d < NDIAG; d++) {
      const off = 5 - d;
      const row = (f * NDIAG + d) * nwave;
      // Columns j whose row i = j − off is inside the camera; the others keep R.
      const lo = Math.max(0, off);
      const hi = Math.min(nwave, nwave + off);
      for (let j = 0; j < lo; j++) out[row + j] = R[row + j]!;
      for (let j = hi; j < nwave; j++) out[row + j] = R[row + j]!;
      for (let j = lo; j < hi; j++) out[row + j] = R[row + j]! * C[base + j]! * inv[j - off]!;
      // Rows whose C is not positive keep R (rare: written over once, not tested per element).
      for (const i of keep) if (i + off >= lo && i + off < hi) out[row + i + off] = R[row + i + off]!;
    }
  }
  return out;
}

/** MEDIAN_CALIB_SNR of each fiber over the band's range (see {@link calibrate}). */
export function medianCalibSnr(band: string, wave: ArrayLike<number>, flux: ArrayLike<number>, ivar: ArrayLike<number>, nfiber: number): Float64Array {
  const nwave = wave.length;
  const [lo, hi] = SCORE_RANGE[band] ?? [0, Infinity];
  const out = new Float64Array(nfiber);
  const buf = new Float64Array(nwave);
  const norm = Math.sqrt(PIXEL_ANGSTROM);
  for (let f = 0; f < nfiber; f++) {
    let m = 0;
    for (let i = 0; i < nwave; i++) {
      const w = wave[i]!;
      if (w < lo || w >= hi) continue;
      const k = f * nwave + i;
      buf[m++] = (flux[k]! * Math.sqrt(ivar[k]!)) / norm;
    }
    out[f] = m > 0 ? medianInPlace(buf, m) : 0;
  }
  return out;
}

/** The SCORES table of a cframe. */
function scores(frame: Frame, flat: FiberFlat, sky: Sky, cal: FluxCalib, wave: Float64Array, flux: Float32Array, ivar: Float32Array): CFrameScoresTable {
  const nwave = wave.length;
  const nfiber = nwave > 0 ? flux.length / nwave : 0;
  const band = String(frame.header["CAMERA"] ?? "b").charAt(0);
  const seeing = Number(frame.header["SEEING"]);
  const seeingOk = seeing > 0 && Number.isFinite(seeing);
  const offset = Math.round((wave[0]! - 3600) / PIXEL_ANGSTROM);
  const curve = Float64Array.from(wave, sfdExtinction);
  const ratios = new Map<Tracer, Float64Array>(TRACERS.map((t) => [t, Float64Array.from(wave, (w) => (seeingOk ? tracerFiberRatio(t, seeing, w) : 1))]));
  const out: Record<Tracer, Float64Array> = {
    ELG: new Float64Array(nfiber),
    LRG: new Float64Array(nfiber),
    QSO: new Float64Array(nfiber),
    BGS: new Float64Array(nfiber),
    LYA: new Float64Array(nfiber),
  };
  const dust = new Float64Array(nwave);
  const good = new Uint8Array(nwave);
  const terms: TsnrTerms = { signal: new Float64Array(nwave), inverseVariance: new Float64Array(nwave) };
  let dustEbv = NaN;
  const ratioRows = TRACERS.map((t) => ratios.get(t)!);
  const sums = new Float64Array(TRACERS.length);
  for (let f = 0; f < nfiber; f++) {
    const e = frame.FIBERMAP.EBV[f] ?? 0;
    const ebv = Number.isFinite(e) ? e : 0;
    // Fibers of one tile often share E(B−V): the transmission is recomputed only when it changes.
    if (ebv !== dustEbv) {
      dust.fill(1);
      redden(wave, dust, ebv, curve);
      dustEbv = ebv;
    }
    // A pixel with IVAR > 0 had no MASK bit on the way (prepareFrame and the calibration zero IVAR where they set one).
    for (let i = 0; i < nwave; i++) good[i] = ivar[f * nwave + i]! > 0 ? 1 : 0;
    const row = (a: ArrayLike<number>): ArrayLike<number> => (a as Float32Array).subarray(f * nwave, (f + 1) * nwave);
    tsnrTerms(band, { calib: row(cal.FLUXCALIB.data), flat: row(flat.FIBERFLAT.data), sky: row(sky.SKY.data), dust, good, offset }, nwave, terms);
    tsnr2Every(offset, terms, ratioRows, sums);
    TRACERS.forEach((t, k) => (out[t][f] = sums[k]!));
  }
  const suffix = band.toUpperCase();
  const table: Record<string, BigInt64Array | Float64Array> = {
    TARGETID: BigInt64Array.from(frame.FIBERMAP.TARGETID),
    [`MEDIAN_CALIB_SNR_${suffix}`]: medianCalibSnr(band, wave, flux, ivar, nfiber),
  };
  for (const t of TRACERS) table[`TSNR2_${t}_${suffix}`] = out[t];
  return table as unknown as CFrameScoresTable;
}
