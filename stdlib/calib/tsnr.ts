import {
  FIBER_SOLID_ANGLE_ARCSEC2,
  PIXEL_ANGSTROM,
  armOffset,
  atmosphericTransmission,
  effectiveReadNoise,
  fiberAcceptance,
  photonsPerFluxUnit,
  seeingAt,
  simWaveGrid,
  skySpectrum,
  throughput,
  waveGrid,
  type SourceProfile,
} from "../instrument/index.js";
import { observedSpectrum, makeTemplateRow, type TemplateRow } from "../templates/index.js";

/** The tracers whose template S/N² a cframe's SCORES carries. */
export const TRACERS = ["ELG", "LRG", "QSO", "BGS", "LYA"] as const;
export type Tracer = (typeof TRACERS)[number];

/**
 * How each tracer's ensemble is drawn from the stdlib's templates (docs/sources.md#efftime):
 * redshift range and nominal magnitude from desispec's tsnr-config files (ELG z 0.80–1.40 at
 * g = 23.10; LRG z 0.685–0.966 at z = 19.80; QSO z 0.56–1.93 at r = 21.61; BGS z 0.126–0.37 at
 * r = 18.87), LYA quasars z 2.1–3.5 at r = 22.5 (our choice; desispec's LYA ensemble is not in
 * its repository); the source profile whose fiber acceptance scales the signal (ELG an
 * exponential of half-light radius 0.45″, LRG a de Vaucouleurs of 1.0″, BGS 1.5″, quasars point
 * sources).
 */
interface EnsembleSpec {
  readonly type: string;
  readonly zlo: number;
  readonly zhi: number;
  readonly mag: number;
  readonly filter: string;
  readonly profile: SourceProfile;
  readonly radius: number;
}
const SPECS: Readonly<Record<Tracer, EnsembleSpec>> = {
  ELG: { type: "ELG", zlo: 0.8, zhi: 1.4, mag: 23.1, filter: "decam2014-g", profile: "exp", radius: 0.45 },
  LRG: { type: "LRG", zlo: 0.685, zhi: 0.966, mag: 19.8, filter: "decam2014-z", profile: "dev", radius: 1.0 },
  QSO: { type: "QSO", zlo: 0.56, zhi: 1.93, mag: 21.61, filter: "decam2014-r", profile: "point", radius: 0 },
  BGS: { type: "BGS", zlo: 0.126, zhi: 0.37, mag: 18.87, filter: "decam2014-r", profile: "dev", radius: 1.5 },
  LYA: { type: "QSO", zlo: 2.1, zhi: 3.5, mag: 22.5, filter: "decam2014-r", profile: "point", radius: 0 },
};
/** Templates per ensemble, evenly spaced in redshift. */
const NMODEL = 16;
/** Width of the boxcar whose smoothing is subtracted from each template (desispec tsnr_ensemble: 100 Å). */
const SMOOTH_ANGSTROM = 100;

const ensembles = new Map<Tracer, Float64Array>();

/** One ensemble member's template row. */
function memberRow(spec: EnsembleSpec, k: number): TemplateRow {
  const u = (k + 0.5) / NMODEL;
  const z = spec.zlo + (spec.zhi - spec.zlo) * u;
  const galaxy = spec.type !== "QSO";
  // [OII] fluxes in erg/(s cm²): ELGs 5–20e-17 (spread over the members), BGS 2e-16.
  const oii = spec.type === "ELG" ? 5e-17 * 4 ** (((k * 7) % NMODEL) / NMODEL) : spec.type === "BGS" ? 2e-16 : 0;
  return makeTemplateRow({
    TARGETID: BigInt(k),
    TRUEZ: z,
    TRUESPECTYPE: galaxy ? "GALAXY" : "QSO",
    TEMPLATETYPE: spec.type,
    SEED: BigInt(1000 + k),
    MAG: spec.mag,
    MAGFILTER: spec.filter,
    OIIFLUX: oii,
    HBETAFLUX: oii * 0.45,
    VDISP: spec.type === "LRG" ? 200 : spec.type === "BGS" ? 150 : 80,
    D4000: spec.type === "LRG" ? 1.85 : spec.type === "BGS" ? 1.5 : 1.1,
    OIIIHBETA: -0.2,
    OIIDOUBLET: 0.73,
  });
}

/**
 * The tracer's ΔF on the simulation grid (1e-17 erg/(s cm² Å)): the rms over the ensemble of each
 * template minus its 100 Å boxcar smoothing, as desispec's tsnr_ensemble computes it without the
 * n(z) convolution (the members are spread evenly over the redshift range instead). Built once.
 */
export function ensembleDeltaFlux(tracer: Tracer): Float64Array {
  let d = ensembles.get(tracer);
  if (d !== undefined) return d;
  const wave = simWaveGrid();
  const n = wave.length;
  const half = Math.round(SMOOTH_ANGSTROM / PIXEL_ANGSTROM / 2);
  const sum2 = new Float64Array(n);
  const cum = new Float64Array(n + 1);
  for (let k = 0; k < NMODEL; k++) {
    const f = observedSpectrum(memberRow(SPECS[tracer], k), wave);
    for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + f[i]!;
    for (let i = 0; i < n; i++) {
      const lo = Math.max(0, i - half);
      const hi = Math.min(n, i + half + 1);
      const r = f[i]! - (cum[hi]! - cum[lo]!) / (hi - lo);
      sum2[i]! += r * r;
    }
  }
  d = Float64Array.from(sum2, (s) => Math.sqrt(s / NMODEL));
  ensembles.set(tracer, d);
  return d;
}

/** Wavelengths (Å) at which {@link tracerFiberRatio} is computed exactly; linear between. */
const RATIO_NODES = [3600, 5200, 6800, 8400, 10000];
const ratioCache = new Map<string, Float64Array>();

/**
 * Fiber acceptance of the tracer's profile over a point source's at seeing FWHM `seeing` (″ at
 * 6355 Å, scaled with wavelength as the instrument model does) and wavelength `wave`: exact at 5
 * wavelengths from 3600 to 10000 Å, linear between (the ratio changes by a few % over the range).
 */
export function tracerFiberRatio(tracer: Tracer, seeing: number, wave: number): number {
  const spec = SPECS[tracer];
  if (spec.profile === "point") return 1;
  const key = `${tracer}:${seeing}`;
  let nodes = ratioCache.get(key);
  if (nodes === undefined) {
    nodes = Float64Array.from(RATIO_NODES, (w) => {
      const s = seeingAt(seeing, w);
      return fiberAcceptance(s, spec.profile, spec.radius) / fiberAcceptance(s, "point", 0);
    });
    ratioCache.set(key, nodes);
  }
  const x = Math.min(RATIO_NODES.length - 1.000001, Math.max(0, (wave - RATIO_NODES[0]!) / (RATIO_NODES[1]! - RATIO_NODES[0]!)));
  const i = Math.floor(x);
  return nodes[i]! + (x - i) * (nodes[i + 1]! - nodes[i]!);
}

/** What TSNR2 needs for one fiber of one camera, per pixel of the camera's grid. */
export interface TsnrFiber {
  /** Calibration, electrons per Å per 1e-17 erg/(s cm² Å), flat-fielded (FLUXCALIB). */
  readonly calib: ArrayLike<number>;
  /** Fiber flat. */
  readonly flat: ArrayLike<number>;
  /** Sky of the fiber, electrons per Å of the flat-fielded frame. */
  readonly sky: ArrayLike<number>;
  /** Milky Way transmission of the fiber at each pixel. */
  readonly dust: ArrayLike<number>;
  /** Whether a pixel counts (good mask and ivar). */
  readonly good: ArrayLike<number>;
  /** Offset of pixel 0 in the simulation grid. */
  readonly offset: number;
  /** Fiber-acceptance ratio of the tracer (see {@link tracerFiberRatio}) at each pixel. */
  readonly fiberRatio: ArrayLike<number>;
}

/**
 * desispec's calc_tsnr2 for one tracer, fiber and camera (docs/sources.md#efftime): Σ over good
 * pixels of (ΔF · FLUXCALIB · flat · dust · fiber ratio · Δλ)² / (sky · flat · Δλ + σ_read²), in
 * electrons per 0.8 Å pixel; σ_read is the camera's effective read noise per pixel.
 */
export function tsnr2(tracer: Tracer, band: string, fiber: TsnrFiber, nwave: number): number {
  return tsnr2Of(tracer, fiber.offset, tsnrTerms(band, fiber, nwave), fiber.fiberRatio);
}

/** The per-pixel factors of {@link tsnr2} common to every tracer of one fiber and camera. */
export interface TsnrTerms {
  /** FLUXCALIB · flat · dust · Δλ on good pixels, 0 elsewhere. */
  readonly signal: Float64Array;
  /** 1 / (sky · flat · Δλ + σ_read²) on good pixels, 0 elsewhere. */
  readonly inverseVariance: Float64Array;
}

/** The {@link TsnrTerms} of one fiber and camera (its `fiberRatio` is not used). */
export function tsnrTerms(band: string, fiber: Omit<TsnrFiber, "fiberRatio">, nwave: number, into?: TsnrTerms): TsnrTerms {
  const read2 = effectiveReadNoise(band) ** 2;
  const terms = into ?? { signal: new Float64Array(nwave), inverseVariance: new Float64Array(nwave) };
  const { signal, inverseVariance } = terms;
  for (let i = 0; i < nwave; i++) {
    const flat = fiber.flat[i]!;
    const good = fiber.good[i] !== 0;
    signal[i] = good ? fiber.calib[i]! * flat * fiber.dust[i]! * PIXEL_ANGSTROM : 0;
    inverseVariance[i] = good ? 1 / (Math.max(0, fiber.sky[i]! * flat) * PIXEL_ANGSTROM + read2) : 0;
  }
  return terms;
}

/** TSNR2 of one tracer from a fiber's {@link TsnrTerms}: Σ (ΔF · fiber ratio · signal)² / variance. */
export function tsnr2Of(tracer: Tracer, offset: number, terms: TsnrTerms, fiberRatio: ArrayLike<number>): number {
  const dF = ensembleDeltaFlux(tracer);
  const { signal, inverseVariance } = terms;
  let sum = 0;
  for (let i = 0; i < signal.length; i++) {
    const s = dF[offset + i]! * fiberRatio[i]! * signal[i]!;
    sum += s * s * inverseVariance[i]!;
  }
  return sum;
}

/**
 * {@link tsnr2Of} of every tracer of {@link TRACERS} in one pass over the pixels, into `out` (in the
 * order of TRACERS): each tracer's sum is the same sum, term by term.
 */
export function tsnr2Every(offset: number, terms: TsnrTerms, fiberRatios: readonly ArrayLike<number>[], out: Float64Array): void {
  const [d0, d1, d2, d3, d4] = TRACERS.map(ensembleDeltaFlux) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const [q0, q1, q2, q3, q4] = fiberRatios as [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
  const { signal, inverseVariance } = terms;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let a4 = 0;
  for (let i = 0; i < signal.length; i++) {
    const g = signal[i]!;
    const iv = inverseVariance[i]!;
    const j = offset + i;
    const s0 = d0[j]! * q0[i]! * g;
    const s1 = d1[j]! * q1[i]! * g;
    const s2 = d2[j]! * q2[i]! * g;
    const s3 = d3[j]! * q3[i]! * g;
    const s4 = d4[j]! * q4[i]! * g;
    a0 += s0 * s0 * iv;
    a1 += s1 * s1 * iv;
    a2 += s2 * s2 * iv;
    a3 += s3 * s3 * iv;
    a4 += s4 * s4 * iv;
  }
  out[0] = a0;
  out[1] = a1;
  out[2] = a2;
  out[3] = a3;
  out[4] = a4;
}

const snr2time = new Map<Tracer, number>();

/** Nominal conditions SNR2TIME is calibrated on: 1000 s, airmass 1, seeing 1.1″, transparency 1, dark sky, no Milky Way dust. */
export const NOMINAL_EXPTIME = 1000;
const NOMINAL_SEEING = 1.1;

/**
 * Seconds of effective time per unit of TSNR2 (summed over b, r, z) for a tracer: 1000 s over the
 * TSNR2 of a nominal dark exposure seen through the instrument model (its throughput, Kitt Peak
 * extinction at airmass 1, a point source's fiber acceptance at 1.1″, the dark sky with the Moon
 * down and each camera's read noise). desispec fits its SNR2TIME so that TSNR2 reproduces
 * EFFTIME_SPEC on nominal exposures in the same sense (docs/sources.md#efftime).
 */
export function snr2timeOf(tracer: Tracer): number {
  let k = snr2time.get(tracer);
  if (k !== undefined) return k;
  let total = 0;
  for (const band of ["b", "r", "z"]) {
    const wave = waveGrid(band);
    const n = wave.length;
    const sky = skySpectrum(wave, PIXEL_ANGSTROM, { fraction: 0, altitude: -30, separation: 90, airmass: 1 });
    const calib = Float64Array.from(
      wave,
      (w) =>
        (photonsPerFluxUnit(w, PIXEL_ANGSTROM) / PIXEL_ANGSTROM) *
        throughput(band, w) *
        NOMINAL_EXPTIME *
        atmosphericTransmission(w, 1) *
        fiberAcceptance(seeingAt(NOMINAL_SEEING, w), "point", 0),
    );
    const skyE = Float64Array.from(
      wave,
      (w, i) => (sky[i]! * FIBER_SOLID_ANGLE_ARCSEC2 * photonsPerFluxUnit(w, PIXEL_ANGSTROM) * throughput(band, w) * NOMINAL_EXPTIME) / PIXEL_ANGSTROM,
    );
    total += tsnr2(
      tracer,
      band,
      {
        calib,
        flat: new Float64Array(n).fill(1),
        sky: skyE,
        dust: new Float64Array(n).fill(1),
        good: new Uint8Array(n).fill(1),
        offset: armOffset(band),
        fiberRatio: Float64Array.from(wave, (w) => tracerFiberRatio(tracer, NOMINAL_SEEING, w)),
      },
      n,
    );
  }
  k = NOMINAL_EXPTIME / total;
  snr2time.set(tracer, k);
  return k;
}

/** EFFTIME (s) of a fiber from its TSNR2 of `tracer` summed over the three cameras: SNR2TIME · TSNR2. */
export function efftimeOf(tracer: Tracer, tsnr2Sum: number): number {
  return snr2timeOf(tracer) * tsnr2Sum;
}
