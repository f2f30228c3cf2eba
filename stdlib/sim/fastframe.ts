import type { ExposureList } from "../datamodel/ExposureList.js";
import type { Frame } from "../datamodel/Frame.js";
import type { SimSpec } from "../datamodel/SimSpec.js";
import { image, type Header } from "../datamodel/values.js";
import { NDIAG, PIXEL_ANGSTROM, SPECMASK, applyResolution, effectiveReadNoise, storedLsf, writeResolution } from "../instrument/index.js";
import type { Handle, KernelContext, Rng, float } from "../kernel.js";
import { exposureHeader, exposureRow, type ExposureRow } from "./exposureRow.js";
import { integerKeyOf, keyOf } from "../kernelKey.js";
import { fiberSignal, fiberWork, frameModel } from "./frameModel.js";
import { frameScores } from "./frameScores.js";

const KERNEL = "sim.fastframe";

/**
 * Detection threshold of a cosmic-ray hit, in σ of the pixel's noise: a hit whose brightest pixel
 * stands more than this above its expectation is flagged on every pixel, as desispec's preprocessing
 * flags pixels above `cosmics_nsig` = 6 σ and dilates the mask onto the hit's neighbours
 * (docs/sources.md#cosmics). Fainter hits, which no detector tells from noise, stay in FLUX
 * unflagged with their normal IVAR, so each adds at most 6 σ to a pixel.
 */
export const COSMIC_DETECTION_NSIG = 6;

/** Area of one CCD, cm²: 4096 × 4096 pixels of 15 µm (docs/sources.md#cosmics). */
const CCD_AREA_CM2 = (4096 * 15e-4) ** 2;

/**
 * Simulates one camera's frame of one exposure (`ctx.key`: `exposure`, `camera` b, r or z, and
 * `petal`) from the exposure's SimSpec, as quickgen does but with per-fiber instrument detail
 * (docs/sources.md#specsim). Electrons per 0.8 Å pixel of the arm's grid, before resolution:
 *
 * - science: (F · 10^(−0.4 k(λ) X) · TRANSP · a(λ) + S(λ) · Ω) · 1e-17 · A · T(λ) · t · Δλ / (hc/λ),
 *   with F the SimSpec flux (Milky Way extinction already applied by newexp), a the fiber
 *   acceptance for the seeing at λ and the row's MORPHTYPE and SHAPE_R, Ω = 1.815 arcsec², S the
 *   instrument's one sky model (`skySpectrum`): the dark sky, r = 21.07 mag/arcsec² at airmass 1
 *   and extinguished as specsim's `extinct_emission` does, S_dark(λ) · 10^(−0.4 k(λ) (X − 1)),
 *   plus Krisciunas & Schaefer moonlight from MOONFRAC, MOONALT, MOONSEP and AIRMASS (the sky is
 *   the same model whose r-band brightness sets the survey's EFFTIME);
 * - flat: the lamp flux the same way without atmosphere, acceptance or sky (≥ 1.8·10^4 e⁻ per
 *   pixel on a nominal fiber in 120 s, S/N > 100 everywhere on good fibers, peak < 2·10^5 e⁻);
 *
 * each times the fiber's relative throughput at flat time (`fiberResponse`: fixed, with its λ
 * trend) and a bad fiber's transmission, and on a science exposure times the fiber's flat-to-science
 * change (`scienceThroughputChange`, achromatic, ≈ 1 %); T(λ) the arm's throughput with its share
 * of the dichroic split. The fiber's true line-spread function (`fiberInstrument(...).lsf`:
 * skewed Gauss–Hermite core with Lorentzian wings, width varying with fiber and wavelength,
 * wavelength shift) is applied, then a Poisson draw plus Gaussian read noise (effective read noise
 * per output pixel, docs/sources.md#spectrographs), then cosmic-ray hits at `cosmics` events per
 * cm² of CCD per minute (≈ 3100 per camera in 1000 s at the default; at least one per camera).
 * FLUX is electrons/Å (counts / 0.8), IVAR Δλ² / (expected electrons + read²) from the noiseless
 * expectation; RESOLUTION is `storedLsf`: the true shape with a core 1–2 % wider or narrower and
 * without the shift. MASK sets COSMIC on every pixel of a hit whose brightest pixel exceeds
 * {@link COSMIC_DETECTION_NSIG} = 6 σ of its noise (IVAR 0 there, ≈ 97 % of hits); fainter hits
 * are left unflagged with their normal IVAR, as the reduction cannot see them. SCORES holds desispec's extraction scores of the band (`frameScores`). The truth behind a frame (per-fiber throughputs, true and stored LSF,
 * noiseless sky and source) is `frameTruth` (stdlib/sim/truth.ts), for tests only. BADFIBER is set on every pixel of a fiber with a bad
 * FIBERSTATUS (2–5 % of fibers, ORed into the FIBERMAP), with IVAR 0. Draws come only from
 * `ctx.rng`, in a fixed order, so a frame depends only on the SimSpec, the exposure row, the
 * camera, the petal and the task's seed. Dark current (≈ 2 e⁻ per pixel in 1000 s) is neglected.
 */
export async function fastframe(
  inputs: { readonly exposures: Handle<ExposureList>; readonly simspec: Handle<SimSpec> },
  params: {
    /**
     * Cosmic-ray events per cm² of CCD per minute of exposure (docs/sources.md#cosmics).
     * @default 5
     */
    readonly cosmics: float;
  },
  ctx: KernelContext,
): Promise<{ frame: Frame }> {
  const expid = integerKeyOf(ctx.key, "exposure", KERNEL);
  const band = String(keyOf(ctx.key, "camera", KERNEL));
  const petal = integerKeyOf(ctx.key, "petal", KERNEL);
  if (!/^[brz]$/.test(band)) throw new Error(`${KERNEL}: camera \`${band}\` is not b, r or z`);
  const [exposures, simspec] = await Promise.all([inputs.exposures.read(), inputs.simspec.read()]);
  const row = exposureRow(exposures, expid, inputs.exposures.path, KERNEL);
  if (row.FLAVOR !== "science" && row.FLAVOR !== "flat")
    throw new Error(`${KERNEL}: exposure ${expid} has FLAVOR \`${row.FLAVOR}\`; only \`science\` and \`flat\` can be simulated`);
  if (!(row.EXPTIME > 0)) throw new Error(`${KERNEL}: exposure ${expid} has EXPTIME ${row.EXPTIME}; it must be positive`);
  return { frame: simulateFrame(simspec, row, band, petal, params.cosmics ?? 5, ctx.rng, inputs.simspec.path) };
}

/** The body of {@link fastframe} once its inputs are read. */
function simulateFrame(simspec: SimSpec, row: ExposureRow, band: string, petal: number, cosmics: number, rng: Rng, path: string): Frame {
  const model = frameModel(simspec, row, band, petal, path, KERNEL);
  const { nwave, nfiber } = model;
  const dw = PIXEL_ANGSTROM;
  const readNoise = effectiveReadNoise(band);
  const readVar = readNoise * readNoise;
  const fiberstatus = Int32Array.from(model.fibermap.FIBERSTATUS);

  const flux = new Float32Array(nfiber * nwave);
  const ivar = new Float32Array(nfiber * nwave);
  const mask = new Int32Array(nfiber * nwave);
  const resolution = new Float32Array(nfiber * NDIAG * nwave);
  const truth = new Float64Array(nwave);
  const expected = new Float64Array(nwave);
  const trueR = new Float64Array(NDIAG * nwave);
  const work = fiberWork(model);

  for (let f = 0; f < nfiber; f++) {
    const { inst, bad } = fiberSignal(model, f, truth, null, work);
    fiberstatus[f]! |= bad;
    writeResolution(band, nwave, inst.lsf, trueR, 0);
    applyResolution(trueR, 0, nwave, truth, 0, expected);
    writeResolution(band, nwave, storedLsf(inst), resolution, f * NDIAG * nwave);

    const o = f * nwave;
    const pixMask = bad !== 0 ? SPECMASK.BADFIBER : 0;
    for (let i = 0; i < nwave; i++) {
      const mean = expected[i]! > 0 ? expected[i]! : 0;
      const counts = rng.poisson(mean) + readNoise * rng.normal();
      flux[o + i] = counts / dw;
      ivar[o + i] = pixMask === 0 ? (dw * dw) / (mean + readVar) : 0;
      mask[o + i] = pixMask;
    }
  }

  addCosmics(rng, (cosmics * CCD_AREA_CM2 * Math.max(row.EXPTIME, 0)) / 60, nfiber, nwave, flux, ivar, mask);

  const header = { ...exposureHeader(row), ...tileKeys(simspec, path), CAMERA: `${model.spec.band}${petal}`, SPECGRPH: petal };
  return {
    header,
    FLUX: image(flux, [nfiber, nwave]),
    IVAR: image(ivar, [nfiber, nwave]),
    MASK: image(mask, [nfiber, nwave]),
    WAVELENGTH: image(model.wave, [nwave]),
    RESOLUTION: image(resolution, [nfiber, NDIAG, nwave]),
    FIBERMAP: { ...model.fibermap, FIBERSTATUS: fiberstatus, header: fibermapHeader(header) },
    SCORES: frameScores(band, model.wave, flux, ivar, nfiber),
  };
}

/** The exposure's and tile's keywords desispec's frames also carry in their FIBERMAP HDU's header. */
const FIBERMAP_KEYS = ["TILEID", "NIGHT", "EXPID", "FLAVOR", "OBSTYPE", "SURVEY", "PROGRAM", "FAPRGRM", "TILERA", "TILEDEC"] as const;

/** The FIBERMAP HDU's header: {@link FIBERMAP_KEYS} as the frame's header holds them. */
function fibermapHeader(header: Header): Header {
  const out: Header = {};
  for (const key of FIBERMAP_KEYS) {
    const v = header[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** The tile's keys a frame copies from its SimSpec's header: TILERA, TILEDEC, SURVEY, FAPRGRM. */
function tileKeys(simspec: SimSpec, path: string): Header {
  const h = simspec.header;
  const out: Record<string, string | number> = {};
  for (const [key, kind] of [
    ["TILERA", "number"],
    ["TILEDEC", "number"],
    ["SURVEY", "string"],
    ["FAPRGRM", "string"],
  ] as const) {
    const v = h[key];
    if (typeof v !== kind) throw new Error(`${KERNEL}: ${path} has no ${kind} ${key} in its header (newexp writes TILERA, TILEDEC, SURVEY and FAPRGRM)`);
    out[key] = v as string | number;
  }
  return out;
}

/**
 * Adds 1 + Poisson(`mean`) cosmic-ray hits: each on a random fiber and pixel, 1–3 pixels long,
 * depositing an exponential 1500 e⁻ mean per pixel (per Å: / 0.8). A hit is flagged when one of its
 * pixels' deposit exceeds {@link COSMIC_DETECTION_NSIG} σ of that pixel's noise (σ² in electrons
 * = Δλ² / IVAR, the frame's own noise model; a pixel already at IVAR 0 counts as detected): its
 * pixels get MASK COSMIC and IVAR 0, as extraction leaves a flagged hit; otherwise its pixels keep
 * MASK and IVAR as they were.
 */
function addCosmics(rng: Rng, mean: number, nfiber: number, nwave: number, flux: Float32Array, ivar: Float32Array, mask: Int32Array): void {
  const n = 1 + rng.poisson(mean);
  const deposit = new Float64Array(3);
  for (let c = 0; c < n; c++) {
    const f = Math.floor(rng.uniform() * nfiber);
    const i0 = Math.floor(rng.uniform() * nwave);
    const len = Math.min(nwave - i0, 1 + Math.floor(rng.uniform() * 3));
    let flagged = false;
    for (let j = 0; j < len; j++) {
      const k = f * nwave + i0 + j;
      deposit[j] = -1500 * Math.log(1 - rng.uniform());
      const iv = ivar[k]!;
      if (!(iv > 0) || deposit[j]! * Math.sqrt(iv) > COSMIC_DETECTION_NSIG * PIXEL_ANGSTROM) flagged = true;
    }
    for (let j = 0; j < len; j++) {
      const k = f * nwave + i0 + j;
      flux[k]! += deposit[j]! / PIXEL_ANGSTROM;
      if (flagged) {
        mask[k]! |= SPECMASK.COSMIC;
        ivar[k] = 0;
      }
    }
  }
}
