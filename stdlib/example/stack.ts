import { image, type Image } from "../datamodel/values.js";
import { checkNestedNside, radec2pix } from "../healpix/index.js";
import type { Handle, KernelContext, int } from "../kernel.js";
import { BANDS, cameraSpec, type Band } from "../instrument/index.js";
import type { ExampleCFrame } from "./ExampleCFrame.js";
import type { ExampleSpectra } from "./ExampleSpectra.js";
import type { ExampleSpectraFibermapTable } from "./ExampleSpectraFibermapTable.js";
import { integerKeyOf } from "../kernelKey.js";
import { sameWavelengths } from "./sameWavelengths.js";

/** One band of one spectra file, before it becomes three images. */
interface BandImages {
  readonly wave: Image<Float64Array>;
  readonly flux: Image<Float32Array>;
  readonly ivar: Image<Float32Array>;
}

/**
 * Regroups calibrated frames into the spectra file of one healpix pixel (docs/sources.md#healpix), the
 * task's `ctx.key.healpix` in nested numbering at `nside`: from every gathered cframe it keeps
 * the fibers whose TARGET_RA/DEC fall in the pixel, one row per (exposure, fiber) ordered by
 * EXPID then FIBER whatever the gather's order, with the b, r and z cameras of an exposure in the
 * same row of B_, R_ and Z_ images. A band no cframe of the exposure covers is left at IVAR 0.
 */
export async function stack(
  inputs: { readonly cframes: readonly Handle<ExampleCFrame>[] },
  params: {
    /**
     * HEALPix nside of the pixel (nested numbering); DESI groups at 64.
     * @default 64
     */
    readonly nside: int;
  },
  ctx: KernelContext,
): Promise<{ spectra: ExampleSpectra }> {
  checkNestedNside(params.nside, "example.stack");
  const pixel = integerKeyOf(ctx.key, "healpix", "example.stack");
  const frames = await Promise.all(inputs.cframes.map((h) => h.read()));

  // The cframes of each exposure, by band; the first one's wavelengths for each band.
  const byExposure = new Map<number, Map<Band, ExampleCFrame>>();
  const waves = new Map<Band, Float64Array>();
  for (const fr of frames) {
    const expid = Number(fr.header["EXPID"]);
    const band = cameraSpec(String(fr.header["CAMERA"])).band;
    const cams = byExposure.get(expid) ?? new Map<Band, ExampleCFrame>();
    if (cams.has(band)) throw new Error(`example.stack: two ${band} cframes of exposure ${expid} were gathered`);
    cams.set(band, fr);
    byExposure.set(expid, cams);
    const w = waves.get(band);
    if (w === undefined) waves.set(band, fr.WAVELENGTH.data);
    else sameWavelengths(w, fr.WAVELENGTH.data, `example.stack: two ${band} cframes`);
  }

  // The rows: (exposure, fiber) whose target is in the pixel.
  const rows: { readonly cams: Map<Band, ExampleCFrame>; readonly ref: ExampleCFrame; readonly fiber: number }[] = [];
  for (const expid of [...byExposure.keys()].sort((a, b) => a - b)) {
    const cams = byExposure.get(expid) ?? new Map<Band, ExampleCFrame>();
    const ref = [...cams.values()][0];
    if (ref === undefined) continue;
    const fm = ref.FIBERMAP;
    for (const fr of cams.values()) {
      const other = fr.FIBERMAP;
      const same = other.TARGETID.length === fm.TARGETID.length && other.TARGETID.every((id, f) => id === fm.TARGETID[f]);
      if (!same) throw new Error(`example.stack: the cameras of exposure ${expid} have different fibermaps`);
    }
    const order = Array.from(fm.FIBER.keys()).sort((a, b) => (fm.FIBER[a] ?? 0) - (fm.FIBER[b] ?? 0));
    for (const f of order) {
      const id = fm.TARGETID[f] ?? -1n;
      if (id < 0n) continue;
      if (radec2pix(params.nside, fm.TARGET_RA[f] ?? 0, fm.TARGET_DEC[f] ?? 0, true) === pixel) rows.push({ cams, ref, fiber: f });
    }
  }
  const n = rows.length;

  const fibermap: ExampleSpectraFibermapTable = {
    TARGETID: BigInt64Array.from(rows, (r) => r.ref.FIBERMAP.TARGETID[r.fiber] ?? -1n),
    EXPID: Int32Array.from(rows, (r) => Number(r.ref.header["EXPID"])),
    NIGHT: Int32Array.from(rows, (r) => Number(r.ref.header["NIGHT"])),
    TILEID: Int32Array.from(rows, (r) => Number(r.ref.header["TILEID"])),
    FIBER: Int32Array.from(rows, (r) => r.ref.FIBERMAP.FIBER[r.fiber] ?? -1),
    TARGET_RA: Float64Array.from(rows, (r) => r.ref.FIBERMAP.TARGET_RA[r.fiber] ?? Number.NaN),
    TARGET_DEC: Float64Array.from(rows, (r) => r.ref.FIBERMAP.TARGET_DEC[r.fiber] ?? Number.NaN),
    FIBERSTATUS: Int32Array.from(rows, (r) => r.ref.FIBERMAP.FIBERSTATUS[r.fiber] ?? 0),
    OBJTYPE: rows.map((r) => r.ref.FIBERMAP.OBJTYPE[r.fiber] ?? ""),
  };

  const bandImages = (band: Band): BandImages => {
    const wave = waves.get(band) ?? new Float64Array(0);
    const nw = wave.length;
    const flux = new Float32Array(n * nw);
    const ivar = new Float32Array(n * nw);
    rows.forEach((r, i) => {
      const fr = r.cams.get(band);
      if (fr === undefined) return;
      flux.set(fr.FLUX.data.subarray(r.fiber * nw, (r.fiber + 1) * nw), i * nw);
      ivar.set(fr.IVAR.data.subarray(r.fiber * nw, (r.fiber + 1) * nw), i * nw);
    });
    return { wave: image(Float64Array.from(wave), [nw]), flux: image(flux, [n, nw]), ivar: image(ivar, [n, nw]) };
  };
  const [b, r, z] = BANDS.map(bandImages) as [BandImages, BandImages, BandImages];
  ctx.log(`example.stack: pixel ${pixel}: ${n} spectra from ${byExposure.size} exposures`);

  return {
    spectra: {
      header: { HPXPIXEL: pixel, HPXNSIDE: params.nside, HPXNEST: true },
      FIBERMAP: fibermap,
      B_WAVELENGTH: b.wave,
      B_FLUX: b.flux,
      B_IVAR: b.ivar,
      R_WAVELENGTH: r.wave,
      R_FLUX: r.flux,
      R_IVAR: r.ivar,
      Z_WAVELENGTH: z.wave,
      Z_FLUX: z.flux,
      Z_IVAR: z.ivar,
    },
  };
}
