/**
 * Small but realistic DESI products (docs/sources.md#datamodel) built as dflow FITS HDUs, for the writer's
 * acceptance tests. Test-only: the stdlib data model is built elsewhere.
 */
import type { Card, Column, FitsHdu, ImageHdu, TableHdu } from "../../stdlib/io/fits/index.js";
import { card, historyCard } from "../../stdlib/io/fits/index.js";

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pixels per camera on the DESI wavelength grids. */
export const NWAVE = { b: 2751, r: 2326, z: 2881 } as const;
const WAVE_START = { b: 3600, r: 5760, z: 7520 } as const;

/** The mock TARGETID: MOCK bit 58, RELEASE, BRICKID (a nested pixel), OBJID. */
export function mockTargetId(release: number, brickid: number, objid: number): bigint {
  return (1n << 58n) | (BigInt(release) << 42n) | (BigInt(brickid) << 22n) | BigInt(objid);
}

function f32(n: number, rng: () => number, scale = 1, offset = 0): Float32Array {
  return Float32Array.from({ length: n }, () => offset + scale * (rng() - 0.5));
}

function f64(n: number, rng: () => number, scale = 1, offset = 0): Float64Array {
  return Float64Array.from({ length: n }, () => offset + scale * (rng() - 0.5));
}

function i32(n: number, rng: () => number, max: number): Int32Array {
  return Int32Array.from({ length: n }, () => Math.floor(rng() * max));
}

function pick<T>(rng: () => number, values: readonly T[]): T {
  return values[Math.floor(rng() * values.length)]!;
}

/** Fibermap columns with the dtypes and units of desispec io/fibermap.py, plus `extra` columns. */
export function fibermapColumns(nrows: number, seed: number, extra: readonly Column[] = []): Column[] {
  const rng = makeRng(seed);
  const targetid = BigInt64Array.from({ length: nrows }, (_, i) => mockTargetId(9010, 12345 + i, i * 7 + 1));
  // Bit masks with bits 58–62 set on some rows: they must survive exactly.
  const desiTarget = BigInt64Array.from({ length: nrows }, (_, i) => (1n << BigInt(58 + (i % 5))) | (1n << 62n) | BigInt(1 + (i % 4)));
  const mask64 = (bit: number) => BigInt64Array.from({ length: nrows }, (_, i) => (i % 3 === 0 ? 1n << BigInt(bit) : BigInt(i)));
  const str = (values: readonly string[]) => Array.from({ length: nrows }, () => pick(rng, values));
  return [
    { name: "TARGETID", data: targetid },
    { name: "PETAL_LOC", data: Int16Array.from({ length: nrows }, (_, i) => i % 10) },
    { name: "DEVICE_LOC", data: i32(nrows, rng, 543) },
    { name: "LOCATION", data: BigInt64Array.from({ length: nrows }, (_, i) => BigInt(1000 * (i % 10) + i)) },
    { name: "FIBER", data: Int32Array.from({ length: nrows }, (_, i) => i) },
    { name: "FIBERSTATUS", data: Int32Array.from({ length: nrows }, (_, i) => (i % 17 === 0 ? 4 : 0)) },
    { name: "TARGET_RA", data: f64(nrows, rng, 2, 150), unit: "deg" },
    { name: "TARGET_DEC", data: f64(nrows, rng, 2, 2), unit: "deg" },
    { name: "PMRA", data: f32(nrows, rng, 10), unit: "mas yr-1" },
    { name: "PMDEC", data: f32(nrows, rng, 10), unit: "mas yr-1" },
    { name: "REF_EPOCH", data: Float32Array.from({ length: nrows }, () => 2015.5), unit: "yr" },
    { name: "LAMBDA_REF", data: Float32Array.from({ length: nrows }, () => 5400), unit: "Angstrom" },
    { name: "FA_TARGET", data: mask64(60) },
    { name: "FA_TYPE", data: Uint8Array.from({ length: nrows }, (_, i) => i % 5) },
    { name: "OBJTYPE", data: str(["TGT", "SKY", "NON", "BAD"]) },
    { name: "FIBERASSIGN_X", data: f32(nrows, rng, 800), unit: "mm" },
    { name: "FIBERASSIGN_Y", data: f32(nrows, rng, 800), unit: "mm" },
    { name: "PRIORITY", data: i32(nrows, rng, 4000) },
    { name: "SUBPRIORITY", data: f64(nrows, rng, 1, 0.5) },
    { name: "OBSCONDITIONS", data: Int32Array.from({ length: nrows }, () => 1) },
    { name: "RELEASE", data: Int16Array.from({ length: nrows }, () => 9010) },
    { name: "BRICKNAME", data: str(["1501p020", "1498p017", "0001m002"]) },
    { name: "BRICKID", data: i32(nrows, rng, 600000) },
    { name: "BRICK_OBJID", data: i32(nrows, rng, 5000) },
    { name: "MORPHTYPE", data: str(["PSF", "REX", "EXP", "DEV", "SER"]) },
    { name: "EBV", data: f32(nrows, rng, 0.02, 0.03), unit: "mag" },
    ...["G", "R", "Z", "W1", "W2"].map((b) => ({ name: `FLUX_${b}`, data: f32(nrows, rng, 20, 10), unit: "nanomaggy" })),
    ...["G", "R", "Z", "W1", "W2"].map((b) => ({ name: `FLUX_IVAR_${b}`, data: f32(nrows, rng, 5, 5), unit: "nanomaggy-2" })),
    ...["G", "R", "Z"].map((b) => ({ name: `FIBERFLUX_${b}`, data: f32(nrows, rng, 10, 5), unit: "nanomaggy" })),
    { name: "MASKBITS", data: Int16Array.from({ length: nrows }, (_, i) => (i % 7 === 0 ? -32768 : i)) },
    { name: "SHAPE_R", data: f32(nrows, rng, 1, 0.6), unit: "arcsec" },
    { name: "REF_ID", data: BigInt64Array.from({ length: nrows }, (_, i) => (i % 2 === 0 ? -1n : 4_000_000_000_000_000_000n + BigInt(i))) },
    { name: "REF_CAT", data: str(["G2", "  ", "T2"]) },
    { name: "GAIA_PHOT_G_MEAN_MAG", data: f32(nrows, rng, 4, 18), unit: "mag" },
    { name: "PHOTSYS", data: str(["N", "S"]) },
    { name: "PRIORITY_INIT", data: BigInt64Array.from({ length: nrows }, () => 3400n) },
    { name: "NUMOBS_INIT", data: BigInt64Array.from({ length: nrows }, () => 1n) },
    { name: "DESI_TARGET", data: desiTarget },
    { name: "BGS_TARGET", data: mask64(62) },
    { name: "MWS_TARGET", data: mask64(61) },
    { name: "SCND_TARGET", data: mask64(59) },
    { name: "PLATE_RA", data: f64(nrows, rng, 2, 150), unit: "deg" },
    { name: "PLATE_DEC", data: f64(nrows, rng, 2, 2), unit: "deg" },
    { name: "NUM_ITER", data: BigInt64Array.from({ length: nrows }, () => 2n) },
    { name: "FIBER_X", data: f64(nrows, rng, 800), unit: "mm" },
    { name: "FIBER_Y", data: f64(nrows, rng, 800), unit: "mm" },
    { name: "DELTA_X", data: f64(nrows, rng, 0.01), unit: "mm" },
    { name: "DELTA_Y", data: f64(nrows, rng, 0.01), unit: "mm" },
    { name: "FIBER_RA", data: f64(nrows, rng, 2, 150), unit: "deg" },
    { name: "FIBER_DEC", data: f64(nrows, rng, 2, 2), unit: "deg" },
    { name: "EXPTIME", data: Float64Array.from({ length: nrows }, () => 1000), unit: "s" },
    ...extra,
  ];
}

/** The header keywords every exposure product carries (desidatamodel). */
export function exposureCards(camera: string, expid: number, bunit?: string): Card[] {
  return [
    card("NIGHT", 20201214n, "night of observation (YYYYMMDD)"),
    card("EXPID", BigInt(expid), "exposure number"),
    card("TILEID", 80605n),
    card("CAMERA", camera, "camera (b, r, z + spectrograph)"),
    card("SPECGRPH", BigInt(camera.slice(1)), "spectrograph"),
    card("EXPTIME", 1000, "[s] exposure time"),
    card("AIRMASS", 1.1734),
    card("SEEING", 1.1, "[arcsec] FWHM"),
    card("PROGRAM", "dark"),
    card("FLAVOR", "science"),
    ...(bunit !== undefined ? [card("BUNIT", bunit)] : []),
  ];
}

function image(name: string | undefined, shape: number[], data: ImageHdu["data"], cards: Card[] = []): ImageHdu {
  return { kind: "image", ...(name !== undefined ? { name } : {}), header: { cards }, shape, data };
}

function table(name: string, nrows: number, columns: Column[], cards: Card[] = []): TableHdu {
  return { kind: "table", name, header: { cards }, nrows, columns };
}

/** A wavelength grid of `n` pixels of 0.8 Å. */
function wavelength(band: keyof typeof NWAVE): Float64Array {
  return Float64Array.from({ length: NWAVE[band] }, (_, i) => WAVE_START[band] + 0.8 * i);
}

/** A resolution matrix: 11 diagonals (offsets +5…−5) per fiber and pixel, a normalised Gaussian. */
function resolution(nspec: number, nwave: number): Float32Array {
  const out = new Float32Array(nspec * 11 * nwave);
  for (let s = 0; s < nspec; s++) {
    const sigma = 1 + 0.05 * (s % 5);
    const kernel = Array.from({ length: 11 }, (_, d) => Math.exp(-0.5 * ((5 - d) / sigma) ** 2));
    const norm = kernel.reduce((a, b) => a + b, 0);
    for (let d = 0; d < 11; d++) out.fill(kernel[d]! / norm, (s * 11 + d) * nwave, (s * 11 + d + 1) * nwave);
  }
  return out;
}

/** frame-{CAMERA}-{EXPID}.fits (desidatamodel frame page), or cframe when `calibrated`. */
export function frameProduct(camera: "b1" | "r1" | "z1", expid: number, nspec: number, calibrated: boolean, seed: number): FitsHdu[] {
  const rng = makeRng(seed);
  const band = camera[0] as keyof typeof NWAVE;
  const nwave = NWAVE[band];
  const bunit = calibrated ? "10**-17 erg/(s cm2 Angstrom)" : "electron/Angstrom";
  const mask = i32(nspec * nwave, rng, 1);
  for (let i = 0; i < mask.length; i += 97) mask[i] = 1 << (i % 31);
  const extra: Column[] = calibrated
    ? [
        { name: "PSF_TO_FIBER_SPECFLUX", data: f32(nspec, rng, 0.1, 0.8) },
        { name: "FLAT_TO_PSF_FLUX", data: f32(nspec, rng, 0.1, 1) },
      ]
    : [];
  return [
    image("FLUX", [nspec, nwave], f32(nspec * nwave, rng, 100, 20), [...exposureCards(camera, expid, bunit), historyCard("dflow test frame")]),
    image("IVAR", [nspec, nwave], f32(nspec * nwave, rng, 0.1, 0.1), [card("BUNIT", calibrated ? "10**+34 (s2 cm4 Angstrom2) / erg2" : "Angstrom2/electron2")]),
    image("MASK", [nspec, nwave], mask, [card("BUNIT", "")]),
    image("WAVELENGTH", [nwave], wavelength(band), [card("BUNIT", "Angstrom")]),
    image("RESOLUTION", [nspec, 11, nwave], resolution(nspec, nwave)),
    table("FIBERMAP", nspec, fibermapColumns(nspec, seed + 1, extra), [card("TILEID", 80605n), card("ENCODING", "ascii")]),
    image("CHI2PIX", [nspec, nwave], f32(nspec * nwave, rng, 1, 1)),
    table("SCORES", nspec, [
      { name: "TARGETID", data: (fibermapColumns(nspec, seed + 1)[0]!.data as BigInt64Array).slice() },
      { name: `SUM_RAW_COUNT_${band.toUpperCase()}`, data: f64(nspec, rng, 1e4, 1e4) },
      { name: `MEDIAN_CALIB_SNR_${band.toUpperCase()}`, data: f64(nspec, rng, 2, 2) },
      { name: `TSNR2_ELG_${band.toUpperCase()}`, data: f64(nspec, rng, 10, 20) },
    ]),
  ];
}

/** fibermap-{EXPID}.fits (desidatamodel fibermap page): an empty primary and a FIBERMAP table. */
export function fibermapProduct(nrows: number, seed: number): FitsHdu[] {
  return [
    image(undefined, [], null, [card("EXPID", 12345n), card("TILEID", 80605n)]),
    table("FIBERMAP", nrows, fibermapColumns(nrows, seed), [card("TILEID", 80605n), card("FA_VER", "5.0.0")]),
  ];
}

function healpixCards(): Card[] {
  return [card("SPGRP", "healpix"), card("HPXPIXEL", 27258n), card("HPXNSIDE", 64n), card("HPXNEST", true), card("SURVEY", "main"), card("PROGRAM", "dark")];
}

/** spectra-{SURVEY}-{PROGRAM}-{PIXNUM}.fits (desidatamodel spectra page), with an EXP_FIBERMAP. */
export function spectraProduct(nspec: number, seed: number): FitsHdu[] {
  const rng = makeRng(seed);
  const fibermapExtra: Column[] = [
    { name: "HELIOCOR_OFFSET", data: f32(nspec, rng, 1e-4) },
    { name: "NIGHT", data: Int32Array.from({ length: nspec }, () => 20201214) },
    { name: "EXPID", data: Int32Array.from({ length: nspec }, (_, i) => 12345 + (i % 3)) },
    { name: "MJD", data: f64(nspec, rng, 0.01, 59197.3) },
    { name: "TILEID", data: Int32Array.from({ length: nspec }, () => 80605) },
  ];
  const hdus: FitsHdu[] = [
    image(undefined, [], null, healpixCards()),
    table("FIBERMAP", nspec, fibermapColumns(nspec, seed + 1, fibermapExtra)),
    table("EXP_FIBERMAP", nspec, fibermapColumns(nspec, seed + 2, fibermapExtra)),
  ];
  for (const band of ["b", "r", "z"] as const) {
    const nwave = NWAVE[band];
    const B = band.toUpperCase();
    hdus.push(
      image(`${B}_WAVELENGTH`, [nwave], wavelength(band), [card("BUNIT", "Angstrom")]),
      image(`${B}_FLUX`, [nspec, nwave], f32(nspec * nwave, rng, 10, 1), [card("BUNIT", "10**-17 erg/(s cm2 Angstrom)")]),
      image(`${B}_IVAR`, [nspec, nwave], f32(nspec * nwave, rng, 1, 1), [card("BUNIT", "10**+34 (s2 cm4 Angstrom2) / erg2")]),
      image(`${B}_MASK`, [nspec, nwave], i32(nspec * nwave, rng, 3)),
      image(`${B}_RESOLUTION`, [nspec, 11, nwave], resolution(nspec, nwave)),
    );
  }
  hdus.push(
    table("SCORES", nspec, [
      { name: "TARGETID", data: (fibermapColumns(nspec, seed + 1)[0]!.data as BigInt64Array).slice() },
      ...["B", "R", "Z"].map((b) => ({ name: `TSNR2_LRG_${b}`, data: f64(nspec, rng, 10, 20) })),
    ]),
  );
  return hdus;
}

/** redrock-{SURVEY}-{PROGRAM}-{PIXNUM}.fits (desidatamodel redrock page), with redrock ≥ 0.21's reduced precision. */
export function redrockProduct(ntarget: number, seed: number): FitsHdu[] {
  const rng = makeRng(seed);
  const fm = fibermapColumns(ntarget, seed + 1);
  const primary: Card[] = [
    card("RRVER", "0.21.0"),
    card("TEMNAM00", "GALAXY"),
    card("TEMVER00", "2.6"),
    card("TEMFIL00", "$RR_TEMPLATE_DIR/rrtemplate-galaxy.fits"),
    card("TEMNAM01", "QSO"),
    card("TEMVER01", "1.1"),
    card("TEMFIL01", "$RR_TEMPLATE_DIR/rrtemplate-qso-with-a-rather-long-directory-name/and-a-subdirectory/rrtemplate-qso-HIZ.fits"),
    card("DEPNAM00", "python"),
    card("DEPVER00", "3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]"),
    card("DEPNAM01", "numpy"),
    card("DEPVER01", "1.24.2"),
    ...healpixCards(),
    historyCard("redrock fit of a dflow test pixel; this history line is long enough to be split over two cards by the writer"),
  ];
  return [
    image(undefined, [], null, primary),
    table("REDSHIFTS", ntarget, [
      { name: "TARGETID", data: (fm[0]!.data as BigInt64Array).slice() },
      { name: "CHI2", data: f32(ntarget, rng, 1000, 8000) },
      { name: "COEFF", data: f32(ntarget * 10, rng, 100), shape: [10] },
      { name: "Z", data: f64(ntarget, rng, 3, 1.5) },
      { name: "ZERR", data: f32(ntarget, rng, 1e-4, 1e-4) },
      { name: "ZWARN", data: Int32Array.from({ length: ntarget }, (_, i) => (i % 4 === 0 ? 4 : 0)) },
      { name: "NPIXELS", data: i32(ntarget, rng, 7781) },
      { name: "SPECTYPE", data: Array.from({ length: ntarget }, () => pick(rng, ["GALAXY", "QSO", "STAR"])) },
      { name: "SUBTYPE", data: Array.from({ length: ntarget }, () => pick(rng, ["", "K", "LOZ", "HIZ"])), tform: "20A" },
      { name: "NCOEFF", data: Int16Array.from({ length: ntarget }, () => 10) },
      { name: "DELTACHI2", data: f32(ntarget, rng, 100, 100) },
      { name: "FITMETHOD", data: Array.from({ length: ntarget }, () => "PCA") },
    ]),
    table("FIBERMAP", ntarget, fm),
    table("EXP_FIBERMAP", ntarget * 2, fibermapColumns(ntarget * 2, seed + 3)),
    table("TSNR2", ntarget, [
      { name: "TARGETID", data: (fm[0]!.data as BigInt64Array).slice() },
      ...["ELG", "LRG", "QSO", "BGS", "LYA"].map((t) => ({ name: `TSNR2_${t}`, data: f32(ntarget, rng, 10, 20) })),
    ]),
  ];
}
