/**
 * Synthetic cframes for the regrouping's tests and benchmark: every fiber's target is put at the
 * centre of one of a few nested nside-64 pixels (per tile and petal, a petal touches only some of
 * them), and the images are seeded noise, so that which rows belong to which pixel is known
 * without the kernel. Each tile's fibermap is shared by its exposures and cameras.
 */
import { writeProduct } from "../../src/runtime/codecs/index.js";
import type { ProductTypeInfo } from "../../src/kernels/index.js";
import { makeRng, taskSeed } from "../../src/runtime/rng.js";
import type { CFrame } from "../../stdlib/datamodel/CFrame.js";
import { image } from "../../stdlib/datamodel/values.js";
import { pix2radec } from "../../stdlib/healpix/index.js";
import { FIBERS_PER_PETAL, type Band } from "../../stdlib/instrument/index.js";
import { emptyFibermap } from "../../stdlib/sim/emptyFibermap.js";

export interface SyntheticExposure {
  readonly expid: number;
  readonly night: number;
  readonly tileid: number;
}

export interface SyntheticLayout {
  readonly nside: number;
  /** Fibers per cframe (the first fibers of each petal). */
  readonly nfiber: number;
  readonly nwave: Readonly<Record<Band, number>>;
  readonly petals: readonly number[];
  readonly exposures: readonly SyntheticExposure[];
  /** The pixels targets are put in. */
  readonly pixels: readonly number[];
  /**
   * Pixels a petal's targets fall in: consecutive ones of `pixels` from an offset set by the tile
   * and the petal, as a tile's petal covers a few neighbouring pixels. Default: all but every third.
   */
  readonly pixelsPerPetal?: number;
  readonly seed: number;
}

/** The pixel of each fiber of a petal of a tile (-1: no target, TARGET_RA/DEC NaN). */
export function fiberPixelsOf(layout: SyntheticLayout, tileid: number, petal: number): Int32Array {
  const rng = makeRng(taskSeed(layout.seed, "fiberPixels", `${tileid},${petal}`));
  // Each petal touches two or three of the pixels, as a petal of a real tile touches a few.
  const per = layout.pixelsPerPetal;
  const n = layout.pixels.length;
  const touched =
    per === undefined
      ? layout.pixels.filter((_, i) => (i + petal + tileid) % 3 !== 0 || n < 3)
      : Array.from({ length: Math.min(per, n) }, (_, k) => layout.pixels[(tileid * 7 + petal * 2 + k) % n]!);
  return Int32Array.from({ length: layout.nfiber }, () => {
    const u = rng.uniform();
    if (u < 0.05) return -1;
    return touched[Math.floor(rng.uniform() * touched.length)] ?? -1;
  });
}

/** The cframe of one camera of one exposure. */
export function syntheticCFrame(layout: SyntheticLayout, band: Band, petal: number, exp: SyntheticExposure): CFrame {
  const n = layout.nfiber;
  const nw = layout.nwave[band];
  const pix = fiberPixelsOf(layout, exp.tileid, petal);
  const fm = { ...emptyFibermap(n), OBJTYPE: Array.from({ length: n }, () => "") };
  const centres = new Map(layout.pixels.map((p) => [p, pix2radec(layout.nside, p, true)]));
  const rng = makeRng(taskSeed(layout.seed, "cframe", `${exp.expid},${petal},${band}`));
  for (let i = 0; i < n; i++) {
    const c = centres.get(pix[i]!);
    fm.FIBER[i] = petal * FIBERS_PER_PETAL + i;
    fm.PETAL_LOC[i] = petal;
    fm.TARGETID[i] = c === undefined ? -1n : BigInt(exp.tileid) * 100_000n + BigInt(fm.FIBER[i]!);
    fm.TARGET_RA[i] = c?.ra ?? NaN;
    fm.TARGET_DEC[i] = c?.dec ?? NaN;
    fm.OBJTYPE[i] = c === undefined ? "SKY" : "TGT";
    fm.FIBERSTATUS[i] = rng.uniform() < 0.03 ? 1 << (band === "b" ? 1 : band === "r" ? 2 : 3) : 0;
  }
  const flux = Float32Array.from({ length: n * nw }, () => rng.normal());
  const ivar = Float32Array.from({ length: n * nw }, () => 1 + rng.uniform());
  const mask = Int32Array.from({ length: n * nw }, () => (rng.uniform() < 0.01 ? 4 : 0));
  const res = Float32Array.from({ length: n * 11 * nw }, () => rng.uniform());
  const w0 = { b: 3600, r: 5760, z: 7520 }[band];
  const scores = (): Float64Array => Float64Array.from({ length: n }, () => rng.uniform() * 100);
  return {
    header: {
      NIGHT: exp.night,
      EXPID: exp.expid,
      TILEID: exp.tileid,
      CAMERA: `${band}${petal}`,
      SPECGRPH: petal,
      EXPTIME: 1000,
      AIRMASS: 1.1,
      SEEING: 1.1,
      PROGRAM: "dark",
      FLAVOR: "science",
      "MJD-OBS": 59000 + exp.expid / 1000,
    },
    FLUX: image(flux, [n, nw]),
    IVAR: image(ivar, [n, nw]),
    MASK: image(mask, [n, nw]),
    WAVELENGTH: image(
      Float64Array.from({ length: nw }, (_, i) => w0 + 0.8 * i),
      [nw],
    ),
    RESOLUTION: image(res, [n, 11, nw]),
    FIBERMAP: { ...fm, header: { TILEID: exp.tileid, NIGHT: exp.night, EXPID: exp.expid, FLAVOR: "science", PROGRAM: "dark" } },
    SCORES: {
      TARGETID: fm.TARGETID,
      ...Object.fromEntries(
        ["MEDIAN_CALIB_SNR", "TSNR2_ELG", "TSNR2_LRG", "TSNR2_QSO", "TSNR2_BGS", "TSNR2_LYA"].map((c) => [`${c}_${band.toUpperCase()}`, scores()]),
      ),
    },
  };
}

/** One written cframe: its file and identity. */
export interface WrittenCFrame {
  readonly path: string;
  readonly band: Band;
  readonly petal: number;
  readonly exposure: SyntheticExposure;
}

/** Writes every camera of every petal of every exposure under `dir`; `skip` leaves some out. */
export function writeCFrames(
  t: ProductTypeInfo,
  layout: SyntheticLayout,
  dir: string,
  skip: (c: Omit<WrittenCFrame, "path">) => boolean = () => false,
): WrittenCFrame[] {
  const out: WrittenCFrame[] = [];
  for (const exposure of layout.exposures) {
    for (const petal of layout.petals) {
      for (const band of ["b", "r", "z"] as const) {
        if (skip({ band, petal, exposure })) continue;
        const path = `${dir}/cframe-${band}${petal}-${String(exposure.expid).padStart(8, "0")}.fits`;
        writeProduct(t, syntheticCFrame(layout, band, petal, exposure), path);
        out.push({ path, band, petal, exposure });
      }
    }
  }
  return out;
}
