import type { CFrame } from "../datamodel/CFrame.js";
import type { Spectra } from "../datamodel/Spectra.js";
import { image, type Image } from "../datamodel/values.js";
import { checkNestedNside } from "../healpix/index.js";
import { BANDS, type Band } from "../instrument/index.js";
import type { Gather, Handle, KernelContext, int } from "../kernel.js";
import { KernelError } from "../kernel.js";
import { integerKeyOf } from "../kernelKey.js";
import { concatColumn, type ColumnData } from "./columns.js";
import { maskNonFinite, NODATA } from "./finitePixels.js";
import { gatherAll } from "./gatherAll.js";
import { checkGrouping } from "./petalPixels.js";
import { readPixelRows, type CameraPart } from "./readPixelRows.js";

/** The per-camera SCORES columns a spectra file carries per band, suffixed _B, _R, _Z as in the cframes. */
const SCORE_COLUMNS = ["MEDIAN_CALIB_SNR", "TSNR2_ELG", "TSNR2_LRG", "TSNR2_QSO", "TSNR2_BGS", "TSNR2_LYA"] as const;

/** The spectra of one pixel and what reading them cost. */
export interface GroupedPixel {
  readonly spectra: Spectra;
  /** Cframes that held rows of the pixel, and the bytes of data the pixel needed from them. */
  readonly cframes: number;
  readonly needed: number;
}

/**
 * Regroups calibrated frames into the spectra file of one healpix pixel, the task's
 * `ctx.key.hpxpixel` in nested numbering at `nside` (desispec `frames2spectra`, docs/sources.md#healpix):
 * from each gathered cframe, opened once, the fibers whose TARGET_RA/DEC fall in the pixel, reading
 * only their rows. Rows are ordered by spectrograph, NIGHT, EXPID, then fiber, whatever the
 * gather's order; the b, r and z cameras of an exposure share a row of B_, R_ and Z_ images, and a
 * camera an exposure lacks is FLUX 0, IVAR 0, MASK NODATA (desispec `add_missing_frames`), and so is
 * a pixel whose flux, ivar or resolution is NaN or ±Infinity in its cframe (never written). FIBERMAP
 * is the first band's with FIBERSTATUS ORed over the cameras, plus NIGHT, EXPID, MJD, TILEID;
 * SCORES puts each camera's scores side by side with the band suffix. A cframe of another
 * SURVEY/PROGRAM, two cframes of one camera and exposure, or differing wavelength grids are
 * {@link KernelError}s.
 */
export async function spectra(
  inputs: { readonly cframes: Gather<CFrame> },
  params: {
    /**
     * HEALPix nside of the grouping (nested numbering); DESI groups at 64.
     * @default 64
     */
    readonly nside: int;
    /**
     * Survey of the grouping (main, sv1, …).
     * @default "main"
     */
    readonly survey: string;
    /**
     * Observing program of the grouping (dark, bright, …).
     * @default "dark"
     */
    readonly program: string;
  },
  ctx: KernelContext,
): Promise<{ spectra: Spectra }> {
  const pixel = integerKeyOf(ctx.key, "hpxpixel", "group.spectra");
  const out = await groupPixel(await gatherAll(inputs.cframes), pixel, params);
  ctx.log(`group.spectra: pixel ${pixel}: ${out.spectra.FIBERMAP.TARGETID.length} spectra from ${out.cframes} cframes`);
  return { spectra: out.spectra };
}

/** {@link spectra} on handles, for one pixel: the file and what reading it needed. */
export async function groupPixel(
  handles: readonly Handle<CFrame>[],
  pixel: number,
  params: { readonly nside: number; readonly survey: string; readonly program: string },
): Promise<GroupedPixel> {
  const nside = checkNestedNside(params.nside, "group.spectra");
  const exposures = new Map<string, { key: [number, number, number]; bands: Map<Band, CameraPart> }>();
  let needed = 0;
  let cframes = 0;
  for (const h of handles) {
    const part = await readPixelRows(h, pixel, nside);
    if (part === undefined) continue;
    checkGrouping(part.header, params.survey, params.program, h.path);
    cframes += 1;
    needed += part.needed;
    const id = `${part.petal},${part.night},${part.expid}`;
    const e = exposures.get(id) ?? { key: [part.petal, part.night, part.expid], bands: new Map<Band, CameraPart>() };
    if (e.bands.has(part.band)) throw new KernelError(`two ${part.band}${part.petal} cframes of exposure ${part.expid} were gathered (${h.path})`);
    e.bands.set(part.band, part);
    exposures.set(id, e);
  }
  if (exposures.size === 0) throw new KernelError(`no gathered cframe has a fiber in nested pixel ${pixel} at nside ${nside}`);
  const order = [...exposures.values()].sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  const groups = order.map((e) => ({ ref: BANDS.map((b) => e.bands.get(b)).find((p) => p !== undefined)!, bands: e.bands }));
  for (const g of groups) sameRows(g.ref, g.bands);
  const n = groups.reduce((s, g) => s + g.ref.rows.length, 0);

  const bandHdus = (band: Band) => bandImages(band, groups, n);
  const [b, r, z] = BANDS.map(bandHdus) as [BandHdus, BandHdus, BandHdus];
  const spectra: Spectra = {
    header: {
      SPGRP: "healpix",
      SPGRPVAL: pixel,
      HPXPIXEL: pixel,
      HPXNSIDE: nside,
      HPXNEST: true,
      SURVEY: params.survey.trim().toLowerCase(),
      PROGRAM: params.program.trim().toLowerCase(),
    },
    FIBERMAP: fibermapOf(groups) as unknown as Spectra["FIBERMAP"],
    B_WAVELENGTH: b.wave,
    B_FLUX: b.flux,
    B_IVAR: b.ivar,
    B_MASK: b.mask,
    B_RESOLUTION: b.resolution,
    R_WAVELENGTH: r.wave,
    R_FLUX: r.flux,
    R_IVAR: r.ivar,
    R_MASK: r.mask,
    R_RESOLUTION: r.resolution,
    Z_WAVELENGTH: z.wave,
    Z_FLUX: z.flux,
    Z_IVAR: z.ivar,
    Z_MASK: z.mask,
    Z_RESOLUTION: z.resolution,
    SCORES: scoresOf(groups) as unknown as Spectra["SCORES"],
  };
  return { spectra, cframes, needed };
}

interface Group {
  readonly ref: CameraPart;
  readonly bands: ReadonlyMap<Band, CameraPart>;
}

interface BandHdus {
  readonly wave: Image<Float64Array>;
  readonly flux: Image<Float32Array>;
  readonly ivar: Image<Float32Array>;
  readonly mask: Image<Int32Array>;
  readonly resolution: Image<Float32Array>;
}

/** The cameras of one exposure and petal must hold the same fibers. */
function sameRows(ref: CameraPart, bands: ReadonlyMap<Band, CameraPart>): void {
  const ids = ref.fibermap["TARGETID"] as BigInt64Array;
  for (const p of bands.values()) {
    const other = p.fibermap["TARGETID"] as BigInt64Array;
    if (p.rows.length !== ref.rows.length || p.rows.some((r, i) => r !== ref.rows[i] || other[i] !== ids[i])) {
      throw new KernelError(`the cameras of exposure ${ref.expid}, petal ${ref.petal} have different fibermaps`);
    }
  }
}

/** The five HDUs of one band: each exposure's rows, or no data where it lacks the camera. */
function bandImages(band: Band, groups: readonly Group[], n: number): BandHdus {
  const present = groups.flatMap((g) => [...g.bands.values()].filter((p) => p.band === band));
  const first = present[0];
  if (first === undefined) throw new KernelError(`no gathered cframe is of the ${band} band: a spectra file holds b, r and z`);
  const wave = first.wave;
  const ndiag = first.ndiag;
  for (const p of present) {
    if (p.wave.length !== wave.length || p.wave.some((w, i) => w !== wave[i]) || p.ndiag !== ndiag) {
      throw new KernelError(`the ${band} cframes of exposures ${first.expid} and ${p.expid} have different wavelength grids or resolution widths`);
    }
  }
  const nw = wave.length;
  const flux = new Float32Array(n * nw);
  const ivar = new Float32Array(n * nw);
  const mask = new Int32Array(n * nw);
  const resolution = new Float32Array(n * ndiag * nw);
  let row = 0;
  for (const g of groups) {
    const k = g.ref.rows.length;
    const p = g.bands.get(band);
    if (p === undefined) mask.fill(NODATA, row * nw, (row + k) * nw);
    else {
      flux.set(p.flux, row * nw);
      ivar.set(p.ivar, row * nw);
      mask.set(p.mask, row * nw);
      resolution.set(p.resolution, row * ndiag * nw);
    }
    row += k;
  }
  maskNonFinite({ flux, ivar, mask, resolution }, nw, ndiag);
  return {
    wave: image(Float64Array.from(wave), [nw]),
    flux: image(flux, [n, nw]),
    ivar: image(ivar, [n, nw]),
    mask: image(mask, [n, nw]),
    resolution: image(resolution, [n, ndiag, nw]),
  };
}

/** FIBERMAP: each exposure's first camera's rows, FIBERSTATUS ORed over its cameras, then NIGHT, EXPID, MJD, TILEID. */
function fibermapOf(groups: readonly Group[]): Record<string, ColumnData> {
  const out: Record<string, ColumnData> = {};
  for (const name of Object.keys(groups[0]!.ref.fibermap)) {
    const parts = groups.map((g) => {
      if (name !== "FIBERSTATUS") return g.ref.fibermap[name]!;
      const status = Int32Array.from(g.ref.fibermap[name] as Int32Array);
      for (const p of g.bands.values()) (p.fibermap[name] as Int32Array).forEach((s, i) => (status[i]! |= s));
      return status;
    });
    out[name] = concatColumn(parts, parts[0]!);
  }
  const per = <A extends Int32Array | Float64Array>(Ctor: { from(a: number[]): A }, value: (g: Group) => number): ColumnData =>
    Ctor.from(groups.flatMap((g) => g.ref.rows.map(() => value(g))));
  out["NIGHT"] = per(Int32Array, (g) => g.ref.night);
  out["EXPID"] = per(Int32Array, (g) => g.ref.expid);
  out["MJD"] = per(Float64Array, (g) => g.ref.mjd);
  out["TILEID"] = per(Int32Array, (g) => g.ref.tileid);
  return out;
}

/** SCORES: TARGETID, then per band its camera's scores with the band's suffix (0 where the exposure lacks the camera). */
function scoresOf(groups: readonly Group[]): Record<string, ColumnData> {
  const out: Record<string, ColumnData> = {};
  out["TARGETID"] = concatColumn(
    groups.map((g) => g.ref.fibermap["TARGETID"]!),
    new BigInt64Array(0),
  );
  for (const band of BANDS) {
    for (const col of SCORE_COLUMNS) {
      const parts = groups.map((g) => {
        const p = g.bands.get(band);
        return p === undefined ? new Float64Array(g.ref.rows.length) : Float64Array.from(p.scores[`${col}_${band.toUpperCase()}`] as Float64Array);
      });
      out[`${col}_${band.toUpperCase()}`] = concatColumn(parts, parts[0]!);
    }
  }
  return out;
}
