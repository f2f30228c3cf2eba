/**
 * The SCORES of a coadd (desispec `specscore.compute_coadd_scores`; docs/sources.md#coadd): per band the
 * integrated flux, the median flux and the median S/N per √Å of the coadded spectrum over the band's
 * score range, then each tracer's template S/N² per band summed over the target's exposures, and
 * summed over the bands.
 */
import type { CoaddScoresTable } from "../datamodel/CoaddScoresTable.js";
import type { SpectraScoresTable } from "../datamodel/SpectraScoresTable.js";
import { median } from "../math/index.js";
import type { BandCoadd } from "./coaddBand.js";
import { BANDS, type Band } from "./coaddFibermap.js";

/** The wavelength range of each band's scores, Å (desispec specscore `tophat_wave`). */
export const SCORE_RANGE: Readonly<Record<Band, readonly [number, number]>> = { b: [4000, 5800], r: [5800, 7600], z: [7600, 9800] };

/** The tracers whose template S/N² the scores carry, in column order. */
const TRACERS = ["ELG", "LRG", "QSO", "BGS", "LYA"] as const;

/** The pixel widths of a wavelength grid (numpy `gradient`: central differences, one-sided at the ends). */
export function pixelWidths(wave: Float64Array): Float64Array {
  const n = wave.length;
  return Float64Array.from(wave, (_, i) => {
    if (n < 2) return 1;
    if (i === 0) return wave[1]! - wave[0]!;
    if (i === n - 1) return wave[n - 1]! - wave[n - 2]!;
    return (wave[i + 1]! - wave[i - 1]!) / 2;
  });
}

/** INTEG_COADD_FLUX, MEDIAN_COADD_FLUX and MEDIAN_COADD_SNR of each target of one band. */
function bandScores(wave: Float64Array, coadd: BandCoadd, band: Band, ntarget: number): [Float32Array, Float32Array, Float32Array] {
  const nwave = wave.length;
  const [lo, hi] = SCORE_RANGE[band];
  const dwave = pixelWidths(wave);
  const inRange: number[] = [];
  wave.forEach((w, i) => w >= lo && w < hi && inRange.push(i));
  const integ = new Float32Array(ntarget);
  const medFlux = new Float32Array(ntarget);
  const medSnr = new Float32Array(ntarget);
  for (let t = 0; t < ntarget; t++) {
    let sum = 0;
    const flux: number[] = [];
    const snr: number[] = [];
    for (const i of inRange) {
      const f = coadd.flux[t * nwave + i]!;
      const iv = Math.max(0, coadd.ivar[t * nwave + i]!);
      sum += f * dwave[i]!;
      flux.push(f);
      snr.push((Math.sqrt(iv) * f) / Math.sqrt(dwave[i]!));
    }
    integ[t] = sum;
    medFlux[t] = median(flux);
    medSnr[t] = median(snr);
  }
  return [integ, medFlux, medSnr];
}

/** The coadd SCORES of `targets`, whose spectra rows are `rows`, from the coadded bands and the spectra's SCORES. */
export function coaddScores(
  targets: readonly bigint[],
  rows: readonly (readonly number[])[],
  waves: Readonly<Record<Band, Float64Array>>,
  coadds: Readonly<Record<Band, BandCoadd>>,
  scores: SpectraScoresTable,
): CoaddScoresTable {
  const n = targets.length;
  const out: Record<string, unknown> = { TARGETID: BigInt64Array.from(targets) };
  for (const band of BANDS) {
    const B = band.toUpperCase();
    const [integ, medFlux, medSnr] = bandScores(waves[band], coadds[band], band, n);
    out[`INTEG_COADD_FLUX_${B}`] = integ;
    out[`MEDIAN_COADD_FLUX_${B}`] = medFlux;
    out[`MEDIAN_COADD_SNR_${B}`] = medSnr;
  }
  const s = scores as unknown as Readonly<Record<string, ArrayLike<number>>>;
  for (const band of BANDS) {
    for (const tracer of TRACERS) {
      const name = `TSNR2_${tracer}_${band.toUpperCase()}`;
      const col = s[name]!;
      out[name] = Float32Array.from(rows, (rs) => rs.reduce((a, r) => a + col[r]!, 0));
    }
  }
  for (const tracer of TRACERS) {
    const perBand = BANDS.map((b) => out[`TSNR2_${tracer}_${b.toUpperCase()}`] as Float32Array);
    out[`TSNR2_${tracer}`] = Float32Array.from({ length: n }, (_, t) => perBand.reduce((a, col) => a + col[t]!, 0));
  }
  return out as unknown as CoaddScoresTable;
}
