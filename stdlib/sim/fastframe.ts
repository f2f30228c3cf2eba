import type { ExposureList } from "../datamodel/ExposureList.js";
import type { FibermapTable } from "../datamodel/FibermapTable.js";
import type { Frame } from "../datamodel/Frame.js";
import type { SimSpec } from "../datamodel/SimSpec.js";
import { image } from "../datamodel/values.js";
import {
  FIBERS_PER_PETAL,
  FIBER_SOLID_ANGLE_ARCSEC2,
  NDIAG,
  PIXEL_ANGSTROM,
  SPECMASK,
  applyResolution,
  armOffset,
  atmosphericTransmission,
  badFiberStatus,
  badFiberTransmission,
  cameraSpec,
  effectiveReadNoise,
  fiberAcceptance,
  fiberInstrument,
  fiberTilt,
  photonsPerFluxUnit,
  seeingAt,
  skySpectrum,
  sourceProfile,
  throughput,
  waveGrid,
  writeResolution,
} from "../instrument/index.js";
import type { Handle, KernelContext, Rng, float } from "../kernel.js";
import { exposureHeader, exposureRow, type ExposureRow } from "./exposureRow.js";
import { integerKeyOf, keyOf } from "../kernelKey.js";
import { takeRows } from "./takeRows.js";

const KERNEL = "sim.fastframe";

/** Pixels between the wavelengths at which a fiber's acceptance is computed; linear between. */
const ACCEPTANCE_STEP = 256;

/**
 * Fraction of cosmic-ray hits that extraction misses: left in FLUX without MASK COSMIC and with
 * their normal IVAR, so that downstream outlier rejection (sky, coadd) has something to reject.
 */
const UNFLAGGED_COSMIC_FRACTION = 0.15;

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
 * each times the fiber's fixed relative throughput (and a bad fiber's transmission), T(λ) the
 * arm's throughput with its share of the dichroic split. The fiber's true resolution (its own
 * width and wavelength shift) is applied, then a Poisson draw plus Gaussian read noise (effective
 * read noise per output pixel, docs/sources.md#spectrographs), and `cosmics` mean cosmic-ray hits per 1000 s (at
 * least one per camera). FLUX is electrons/Å (counts / 0.8), IVAR Δλ² / (expected electrons +
 * read²) from the noiseless expectation; RESOLUTION is the stored model, 1–2 % wider or narrower
 * than the truth and without the shift. MASK sets COSMIC on the pixels of 85 % of the cosmic hits
 * (IVAR 0 there); the other {@link UNFLAGGED_COSMIC_FRACTION} = 15 % are left unflagged with their
 * normal IVAR, as extraction misses some. BADFIBER is set on every pixel of a fiber with a bad
 * FIBERSTATUS (2–5 % of fibers, ORed into the FIBERMAP), with IVAR 0. Draws come only from
 * `ctx.rng`, in a fixed order, so a frame depends only on the SimSpec, the exposure row, the
 * camera, the petal and the task's seed. Dark current (≈ 2 e⁻ per pixel in 1000 s) is neglected.
 */
export async function fastframe(
  inputs: { readonly exposures: Handle<ExposureList>; readonly simspec: Handle<SimSpec> },
  params: {
    /**
     * Mean number of cosmic-ray hits per camera per 1000 s of exposure.
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
  const spec = cameraSpec(band);
  const wave = waveGrid(band);
  const nwave = wave.length;
  const offset = armOffset(band);
  const simWave = simspec.WAVE.data;
  const nsim = simWave.length;
  if (offset + nwave > nsim || Math.abs(simWave[offset]! - wave[0]!) > 1e-6 || Math.abs(simWave[offset + nwave - 1]! - wave[nwave - 1]!) > 1e-6) {
    throw new Error(`${KERNEL}: ${path} is not on the 0.8 Å grid 3600–9824 Å that newexp writes (WAVE has ${nsim} pixels from ${simWave[0]} Å)`);
  }
  const all = simspec.FIBERMAP;
  const rows: number[] = [];
  for (let i = 0; i < all.FIBER.length; i++) if (Math.floor(all.FIBER[i]! / FIBERS_PER_PETAL) === petal) rows.push(i);
  if (rows.length === 0) throw new Error(`${KERNEL}: ${path} has no fiber of petal ${petal}; simulate more petals in newexp (npetal)`);
  const nfiber = rows.length;
  const dw = PIXEL_ANGSTROM;
  const flat = row.FLAVOR === "flat";
  if (!flat && !(row.SEEING > 0)) throw new Error(`${KERNEL}: science exposure ${row.EXPID} has SEEING ${row.SEEING}; it must be positive`);

  // Electrons per pixel per unit of SimSpec flux, and the sky's electrons, shared by all fibers.
  const conv = new Float64Array(nwave);
  const atm = new Float64Array(nwave);
  const skyE = new Float64Array(nwave);
  for (let i = 0; i < nwave; i++) conv[i] = photonsPerFluxUnit(wave[i]!, dw) * throughput(band, wave[i]!) * row.EXPTIME;
  if (!flat) {
    const sky = skySpectrum(wave, dw, { fraction: row.MOONFRAC, altitude: row.MOONALT, separation: row.MOONSEP, airmass: row.AIRMASS });
    for (let i = 0; i < nwave; i++) {
      atm[i] = atmosphericTransmission(wave[i]!, row.AIRMASS) * row.TRANSP;
      skyE[i] = sky[i]! * FIBER_SOLID_ANGLE_ARCSEC2 * conv[i]!;
    }
  }

  const readNoise = effectiveReadNoise(band);
  const readVar = readNoise * readNoise;
  const status = badFiberStatus(petal);
  const fibermap: FibermapTable = takeRows(all, rows);
  const fiberstatus = Int32Array.from(fibermap.FIBERSTATUS);

  const flux = new Float32Array(nfiber * nwave);
  const ivar = new Float32Array(nfiber * nwave);
  const mask = new Int32Array(nfiber * nwave);
  const resolution = new Float32Array(nfiber * NDIAG * nwave);
  const truth = new Float64Array(nwave);
  const expected = new Float64Array(nwave);
  const trueR = new Float64Array(NDIAG * nwave);
  const acceptance = new Float64Array(nwave);
  const nodes = Math.ceil((nwave - 1) / ACCEPTANCE_STEP) + 1;
  const nodeAcc = new Float64Array(nodes);
  const src = simspec.FLUX.data;

  for (let f = 0; f < nfiber; f++) {
    const r = rows[f]!;
    const fiber = all.FIBER[r]!;
    const inst = fiberInstrument(band, fiber);
    const bad = status[fiber % FIBERS_PER_PETAL]!;
    fiberstatus[f]! |= bad;
    const scale = inst.throughput * badFiberTransmission(bad);
    const base = r * nsim + offset;

    if (flat) {
      for (let i = 0; i < nwave; i++) truth[i] = src[base + i]! * conv[i]!;
    } else {
      let any = false;
      for (let i = 0; i < nwave; i++) if (src[base + i] !== 0) any = true;
      if (any) fiberAcceptanceCurve(row.SEEING, all.MORPHTYPE[r] ?? "", all.SHAPE_R[r] ?? 0, wave, nodeAcc, acceptance);
      for (let i = 0; i < nwave; i++) {
        const s = any ? src[base + i]! * atm[i]! * acceptance[i]! * conv[i]! : 0;
        truth[i] = s + skyE[i]!;
      }
    }
    for (let i = 0; i < nwave; i++) truth[i]! *= scale * fiberTilt(inst, i, nwave);

    writeResolution(band, nwave, inst.lsf, trueR, 0);
    applyResolution(trueR, 0, nwave, truth, 0, expected);
    writeResolution(band, nwave, { widthScale: inst.lsf.widthScale * inst.storedWidthRatio, shift: 0 }, resolution, f * NDIAG * nwave);

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

  addCosmics(rng, (cosmics * Math.max(row.EXPTIME, 0)) / 1000, nfiber, nwave, flux, ivar, mask);

  const header = exposureHeader(row);
  return {
    header: { ...header, CAMERA: `${spec.band}${petal}`, SPECGRPH: petal },
    FLUX: image(flux, [nfiber, nwave]),
    IVAR: image(ivar, [nfiber, nwave]),
    MASK: image(mask, [nfiber, nwave]),
    WAVELENGTH: image(wave, [nwave]),
    RESOLUTION: image(resolution, [nfiber, NDIAG, nwave]),
    FIBERMAP: { ...fibermap, FIBERSTATUS: fiberstatus },
  };
}

/**
 * Fills `out` with a source's fiber acceptance at each wavelength of `wave`: exact at every
 * {@link ACCEPTANCE_STEP}-th pixel (seeing FWHM scaled as λ^−0.2) and linear between.
 */
function fiberAcceptanceCurve(seeing: number, morphtype: string, shapeR: number, wave: Float64Array, nodeAcc: Float64Array, out: Float64Array): void {
  const n = wave.length;
  const profile = sourceProfile(morphtype, shapeR);
  for (let m = 0; m < nodeAcc.length; m++) {
    const i = Math.min(n - 1, m * ACCEPTANCE_STEP);
    nodeAcc[m] = fiberAcceptance(seeingAt(seeing, wave[i]!), profile, shapeR);
  }
  for (let i = 0; i < n; i++) {
    const m = Math.min(nodeAcc.length - 2, Math.floor(i / ACCEPTANCE_STEP));
    const i0 = m * ACCEPTANCE_STEP;
    const i1 = Math.min(n - 1, (m + 1) * ACCEPTANCE_STEP);
    const t = nodeAcc.length === 1 ? 0 : (i - i0) / (i1 - i0);
    out[i] = nodeAcc[m]! + t * ((nodeAcc[m + 1] ?? nodeAcc[m]!) - nodeAcc[m]!);
  }
}

/**
 * Adds 1 + Poisson(`mean`) cosmic-ray hits: each on a random fiber and pixel, 1–3 pixels long,
 * depositing an exponential 1500 e⁻ mean per pixel (per Å: / 0.8). A hit is flagged with
 * probability 1 − {@link UNFLAGGED_COSMIC_FRACTION}: its pixels get MASK COSMIC and IVAR 0, as
 * extraction leaves a flagged hit; otherwise its pixels keep MASK and IVAR as they were.
 */
function addCosmics(rng: Rng, mean: number, nfiber: number, nwave: number, flux: Float32Array, ivar: Float32Array, mask: Int32Array): void {
  const n = 1 + rng.poisson(mean);
  for (let c = 0; c < n; c++) {
    const f = Math.floor(rng.uniform() * nfiber);
    const i0 = Math.floor(rng.uniform() * nwave);
    const len = 1 + Math.floor(rng.uniform() * 3);
    const flagged = rng.uniform() >= UNFLAGGED_COSMIC_FRACTION;
    for (let i = i0; i < Math.min(nwave, i0 + len); i++) {
      const k = f * nwave + i;
      flux[k]! += (-1500 * Math.log(1 - rng.uniform())) / PIXEL_ANGSTROM;
      if (flagged) {
        mask[k]! |= SPECMASK.COSMIC;
        ivar[k] = 0;
      }
    }
  }
}
