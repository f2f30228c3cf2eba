/**
 * Inputs for the simulation tests, built without the template library: an exposure list, a
 * fibermap and a SimSpec whose sources are a reference flat-f_ν spectrum typed in here.
 */
import type { ExposureList } from "../../stdlib/datamodel/ExposureList.js";
import type { FibermapTable } from "../../stdlib/datamodel/FibermapTable.js";
import type { SimSpec } from "../../stdlib/datamodel/SimSpec.js";
import { image } from "../../stdlib/datamodel/values.js";
import { emptyFibermap } from "../../stdlib/sim/emptyFibermap.js";

/** One exposure's conditions; unspecified fields take nominal dark values. */
export interface ExposureSpec {
  readonly EXPID: number;
  readonly FLAVOR?: string;
  readonly NIGHT?: number;
  readonly TILEID?: number;
  readonly PROGRAM?: string;
  readonly MJD?: number;
  readonly EXPTIME?: number;
  readonly AIRMASS?: number;
  readonly SEEING?: number;
  readonly TRANSP?: number;
  readonly MOONFRAC?: number;
  readonly MOONALT?: number;
  readonly MOONSEP?: number;
}

/** An ExposureList of the given rows (nominal dark science by default: 1000 s, X = 1, 1.1″, moon down). */
export function exposureList(specs: readonly ExposureSpec[]): ExposureList {
  const n = specs.length;
  const col = <T>(f: (s: ExposureSpec) => T): T[] => specs.map(f);
  return {
    meta: {},
    EXPID: Int32Array.from(col((s) => s.EXPID)),
    NIGHT: Int32Array.from(col((s) => s.NIGHT ?? 20250101)),
    TILEID: Int32Array.from(col((s) => s.TILEID ?? (s.FLAVOR === "flat" ? -1 : 1000))),
    FLAVOR: col((s) => s.FLAVOR ?? "science"),
    PROGRAM: col((s) => s.PROGRAM ?? (s.FLAVOR === "flat" ? "CALIB" : "DARK")),
    MJD: Float64Array.from(col((s) => s.MJD ?? 60676.2)),
    EXPTIME: Float32Array.from(col((s) => s.EXPTIME ?? (s.FLAVOR === "flat" ? 120 : 1000))),
    AIRMASS: Float32Array.from(col((s) => s.AIRMASS ?? 1)),
    SEEING: Float32Array.from(col((s) => s.SEEING ?? 1.1)),
    TRANSP: Float32Array.from(col((s) => s.TRANSP ?? 1)),
    MOONFRAC: Float32Array.from(col((s) => s.MOONFRAC ?? 0)),
    MOONALT: Float32Array.from(col((s) => s.MOONALT ?? -30)),
    MOONSEP: Float32Array.from(col((s) => s.MOONSEP ?? 90)),
    EFFTIME: new Float32Array(n),
  };
}

/** The fiber's row kind in {@link fibermapTable}. */
export type FiberKind = "TGT" | "SKY" | "NON";

/**
 * A fibermap of fibers `first` … `first + n − 1` with OBJTYPE from `kind(fiber)`, point sources
 * (MORPHTYPE PSF) with TARGETID 2^58 + fiber for TGT rows, −1 otherwise.
 */
export function fibermapTable(first: number, n: number, kind: (fiber: number) => FiberKind, exptime = 0): FibermapTable {
  const fiber = Int32Array.from({ length: n }, (_, i) => first + i);
  const objtype = Array.from(fiber, kind);
  const blank = (v: string): string[] => Array.from({ length: n }, () => v);
  return {
    ...emptyFibermap(n),
    TARGETID: BigInt64Array.from(fiber, (f, i) => (objtype[i] === "TGT" ? (1n << 58n) + BigInt(f) : -1n)),
    PETAL_LOC: Int16Array.from(fiber, (f) => Math.floor(f / 500)),
    DEVICE_LOC: Int32Array.from(fiber, (f) => f % 500),
    LOCATION: BigInt64Array.from(fiber, (f) => BigInt(Math.floor(f / 500) * 1000 + (f % 500))),
    FIBER: fiber,
    TARGET_RA: Float64Array.from(fiber, (f) => 150 + f * 1e-4),
    TARGET_DEC: Float64Array.from(fiber, (f) => 2 + f * 1e-4),
    OBJTYPE: objtype,
    BRICKNAME: blank("1501p020"),
    MORPHTYPE: objtype.map((k) => (k === "TGT" ? "PSF" : "")),
    PHOTSYS: blank("S"),
    EXPTIME: new Float64Array(n).fill(exptime),
  };
}

/** 3600–9824 Å at 0.8 Å, typed in here rather than taken from the instrument module. */
export function testSimWave(): Float64Array {
  return Float64Array.from({ length: 7781 }, (_, i) => Math.round((3600 + 0.8 * i) * 10) / 10);
}

/** A source flat in f_ν with AB magnitude `mag`, in 10^-17 erg/(s cm² Å): 3631 Jy · 10^(−0.4 m) · c / λ². */
export function flatFnu(mag: number, wave: number): number {
  return (3631e-23 * 10 ** (-0.4 * mag) * 2.99792458e18) / (wave * wave) / 1e-17;
}

/**
 * A SimSpec of `nfiber` fibers from fiber 0 whose TGT fibers (`kind`) hold `source(λ)` and whose
 * other fibers hold 0, with the exposure's header keys.
 */
export function simspecOf(
  nfiber: number,
  kind: (fiber: number) => FiberKind,
  source: (wave: number) => number,
  header: Record<string, string | number> = { TILERA: 150, TILEDEC: 2, SURVEY: "main", FAPRGRM: "dark" },
): SimSpec {
  const wave = testSimWave();
  const nw = wave.length;
  const flux = new Float32Array(nfiber * nw);
  const fm = fibermapTable(0, nfiber, kind);
  const spectrum = Float32Array.from(wave, source);
  for (let f = 0; f < nfiber; f++) if (fm.OBJTYPE[f] === "TGT") flux.set(spectrum, f * nw);
  return { header, WAVE: image(wave, [nw]), FLUX: image(flux, [nfiber, nw]), FIBERMAP: fm };
}
