import type { Image } from "../datamodel/values.js";
import type { Handle, KernelContext } from "../kernel.js";
import { median } from "../math/index.js";
import type { ExampleBandValues, ExamplePixelSummary, ExampleSummary } from "./ExampleSummary.js";
import type { ExampleSpectra } from "./ExampleSpectra.js";

/** Per row of a band, the median of FLUX·sqrt(IVAR) over pixels with IVAR > 0 (NaN when none). */
function rowSnr(flux: Image<Float32Array>, ivar: Image<Float32Array>, row: number): number {
  const nw = flux.shape[1] ?? 0;
  const snr: number[] = [];
  for (let i = row * nw; i < (row + 1) * nw; i++) {
    const w = ivar.data[i] ?? 0;
    if (w > 0) snr.push((flux.data[i] ?? 0) * Math.sqrt(w));
  }
  return median(snr);
}

/** The median over `rows` of their S/N in one band, or null when no row has data there. */
function bandSnr(flux: Image<Float32Array>, ivar: Image<Float32Array>, rows: readonly number[]): number | null {
  const values = rows.map((r) => rowSnr(flux, ivar, r)).filter((v) => Number.isFinite(v));
  return values.length === 0 ? null : median(values);
}

/**
 * Summarises the spectra files of every healpix pixel: per pixel (from each file's HPXPIXEL
 * header) the number of spectra, distinct targets and exposures, and per band the median over
 * its TGT spectra of their median S/N per pixel; totals over all pixels. Pixels are listed in
 * increasing order whatever the gather's order.
 */
export async function summarize(
  inputs: { readonly spectra: readonly Handle<ExampleSpectra>[] },
  _params: Readonly<Record<string, never>>,
  ctx: KernelContext,
): Promise<{ summary: ExampleSummary }> {
  const pixels: ExamplePixelSummary[] = [];
  const targets = new Set<bigint>();
  const nsides = new Set<number>();
  let nspectra = 0;
  for (const handle of inputs.spectra) {
    const s = await handle.read();
    const fm = s.FIBERMAP;
    const n = fm.TARGETID.length;
    nsides.add(Number(s.header["HPXNSIDE"]));
    const tgt = Array.from({ length: n }, (_, i) => i).filter((i) => fm.OBJTYPE[i] === "TGT");
    const snr: ExampleBandValues = { b: bandSnr(s.B_FLUX, s.B_IVAR, tgt), r: bandSnr(s.R_FLUX, s.R_IVAR, tgt), z: bandSnr(s.Z_FLUX, s.Z_IVAR, tgt) };
    for (const id of fm.TARGETID) targets.add(id);
    nspectra += n;
    pixels.push({ pixel: Number(s.header["HPXPIXEL"]), nspectra: n, ntarget: new Set(fm.TARGETID).size, nexp: new Set(fm.EXPID).size, medianSnr: snr });
  }
  if (nsides.size > 1) throw new Error(`example.summarize: the spectra files have different nsides (${[...nsides].join(", ")})`);
  pixels.sort((a, b) => a.pixel - b.pixel);
  ctx.log(`example.summarize: ${pixels.length} pixels, ${nspectra} spectra, ${targets.size} targets`);
  return { summary: { nside: [...nsides][0] ?? 0, npixel: pixels.length, nspectra, ntarget: targets.size, pixels } };
}
