import type { CFrame } from "../datamodel/CFrame.js";
import type { Header } from "../datamodel/values.js";
import { cameraSpec, type Band } from "../instrument/index.js";
import type { Handle } from "../kernel.js";
import { KernelError } from "../kernel.js";
import { concatColumn, concatTables, type ColumnData } from "./columns.js";
import { fiberPixels } from "./fiberPixels.js";
import { rowRuns } from "./rowRuns.js";

/** The rows of one pixel read from one cframe, with what identifies the cframe. */
export interface CameraPart {
  readonly band: Band;
  readonly petal: number;
  readonly night: number;
  readonly expid: number;
  readonly tileid: number;
  readonly mjd: number;
  readonly header: Header;
  /** The cframe rows (fibers of the petal) taken, ascending. */
  readonly rows: readonly number[];
  readonly wave: Float64Array;
  readonly flux: Float32Array;
  readonly ivar: Float32Array;
  readonly mask: Int32Array;
  readonly resolution: Float32Array;
  readonly ndiag: number;
  readonly fibermap: Record<string, ColumnData>;
  readonly scores: Record<string, ColumnData>;
  /** Bytes of data the pixel needed from the file: the rows taken, the wavelengths, TARGET_RA/DEC. */
  readonly needed: number;
}

const ALL = Number.MAX_SAFE_INTEGER;

/**
 * Reads, at one opening of the cframe, the rows whose TARGET_RA/DEC fall in nested `pixel` at
 * `nside`: its TARGET_RA/DEC columns first, then only those rows of FLUX, IVAR, MASK, RESOLUTION,
 * FIBERMAP and SCORES (a contiguous run of fibers at a time), and WAVELENGTH. `undefined` when no
 * fiber is in the pixel (then nothing past the coordinates was read).
 */
export async function readPixelRows(handle: Handle<CFrame>, pixel: number, nside: number): Promise<CameraPart | undefined> {
  return handle.session(async (f) => {
    const header = await f.header();
    const radec = (await f.readRows("FIBERMAP", 0, ALL, ["TARGET_RA", "TARGET_DEC"])) as { TARGET_RA: Float64Array; TARGET_DEC: Float64Array };
    const pix = fiberPixels(nside, radec.TARGET_RA, radec.TARGET_DEC);
    const rows: number[] = [];
    for (let i = 0; i < pix.length; i++) if (pix[i] === pixel) rows.push(i);
    if (rows.length === 0) return undefined;
    const runs = rowRuns(rows);
    const images = async (hdu: string): Promise<{ data: ColumnData; shape: readonly number[] }> => {
      const parts = [];
      for (const [a, b] of runs) parts.push(await f.readImageRows(hdu, a, b));
      const shape = [rows.length, ...(parts[0]?.shape.slice(1) ?? [])];
      return {
        data: concatColumn(
          parts.map((p) => p.data as unknown as ColumnData),
          new Float32Array(0),
        ),
        shape,
      };
    };
    const tables = async (hdu: string): Promise<Record<string, ColumnData>> => {
      const parts = [];
      for (const [a, b] of runs) parts.push(await f.readRows(hdu, a, b));
      return concatTables(parts);
    };
    const camera = String(header["CAMERA"] ?? "");
    const band = cameraBand(camera, handle.path);
    const wave = (await f.readImageRows("WAVELENGTH", 0, ALL)).data as Float64Array;
    const flux = await images("FLUX");
    const ivar = await images("IVAR");
    const mask = await images("MASK");
    const res = await images("RESOLUTION");
    const fibermap = await tables("FIBERMAP");
    const scores = await tables("SCORES");
    const nwave = wave.length;
    const ndiag = res.shape[1] ?? 0;
    const tableBytes = (t: Record<string, ColumnData>) => Object.values(t).reduce((s, c) => s + columnBytes(c), 0);
    const needed = radec.TARGET_RA.byteLength * 2 + wave.byteLength + rows.length * nwave * 4 * (3 + ndiag) + tableBytes(fibermap) + tableBytes(scores);
    return {
      band,
      petal: Number(header["SPECGRPH"] ?? camera.slice(1)),
      night: Number(header["NIGHT"]),
      expid: Number(header["EXPID"]),
      tileid: Number(header["TILEID"]),
      mjd: Number(header["MJD-OBS"] ?? 0),
      header,
      rows,
      wave,
      flux: flux.data as unknown as Float32Array,
      ivar: ivar.data as unknown as Float32Array,
      mask: mask.data as unknown as Int32Array,
      resolution: res.data as unknown as Float32Array,
      ndiag,
      fibermap,
      scores,
      needed,
    };
  });
}

function cameraBand(camera: string, path: string): Band {
  try {
    return cameraSpec(camera).band;
  } catch {
    throw new KernelError(`${path}: CAMERA \`${camera}\` is not a camera of the instrument`);
  }
}

function columnBytes(c: ColumnData): number {
  if (Array.isArray(c)) return (c as unknown[]).reduce<number>((s, x) => s + String(x).length, 0);
  return (c as unknown as ArrayBufferView).byteLength;
}
