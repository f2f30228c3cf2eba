import { card, commentCard, encodeFits, headerNumber, headerString, headerValue, makeHeader, readFits, type FitsHdu, type ImageHdu } from "../io/fits/index.js";
import type { Template } from "./Template.js";
import { galaxyGrid, qsoGrid, starGrid } from "./zGrids.js";

/**
 * Reads a redrock template file (`rrtemplate-*.fits`, docs/sources.md#redrock-templates): HDU
 * `BASIS_VECTORS` [nbasis, nwave] with CRVAL1, CDELT1 and LOGLAM (wave = 10^(CRVAL1 + i·CDELT1)
 * when LOGLAM ≠ 0, else CRVAL1 + i·CDELT1), RRTYPE, RRSUBTYP, VERSION and RRIGM; the redshift grid
 * from HDU `REDSHIFTS` when present, else redrock's default for the type. Quasar templates get
 * the IGM transmission unless RRIGM is `None`; `source` names the file. `file` is a path or the
 * file's bytes.
 */
export function readTemplateFits(file: string | Uint8Array, source = typeof file === "string" ? file : "<memory>"): Template {
  const hdus = readFits(file);
  const img =
    hdus.find((h): h is ImageHdu => h.kind === "image" && (h.name ?? "").toUpperCase() === "BASIS_VECTORS") ??
    (hdus[0]?.kind === "image" ? hdus[0] : undefined);
  if (img === undefined || img.data === null || img.shape.length !== 2) throw new Error(`${source}: no BASIS_VECTORS image [nbasis, nwave]`);
  const h = img.header;
  const [nbasis, nwave] = img.shape as [number, number];
  const crval = headerNumber(h, "CRVAL1");
  const cdelt = headerNumber(h, "CDELT1");
  if (crval === undefined || cdelt === undefined) throw new Error(`${source}: BASIS_VECTORS lacks CRVAL1 or CDELT1`);
  // redrock's star files write LOGLAM as the logical F, its others as 1 or T.
  const ll = headerValue(h, "LOGLAM");
  const loglam = ll === true || (typeof ll === "number" && ll !== 0) || (typeof ll === "bigint" && ll !== 0n);
  const wave = new Float64Array(nwave);
  for (let i = 0; i < nwave; i++) wave[i] = loglam ? 10 ** (crval + i * cdelt) : crval + i * cdelt;
  const basis: Float64Array[] = [];
  for (let b = 0; b < nbasis; b++) basis.push(Float64Array.from(img.data.subarray(b * nwave, (b + 1) * nwave) as ArrayLike<number>));
  const spectype = (headerString(h, "RRTYPE") ?? "").trim();
  const subtype = (headerString(h, "RRSUBTYP") ?? "").trim();
  const version = headerValueText(h, "VERSION");
  const zh = hdus.find((x) => (x.name ?? "").toUpperCase() === "REDSHIFTS");
  let redshifts: Float64Array;
  if (zh !== undefined && zh.kind === "image" && zh.data !== null) redshifts = Float64Array.from(zh.data as ArrayLike<number>);
  else redshifts = spectype === "GALAXY" ? galaxyGrid() : spectype === "STAR" ? starGrid() : qsoGrid();
  const igmModel = (headerString(h, "RRIGM") ?? "").trim();
  return { spectype, subtype, version, wave, basis, redshifts, igm: spectype === "QSO" && igmModel !== "None", source };
}

/** A header value as text whether it was written as a string or a number. */
function headerValueText(h: ImageHdu["header"], key: string): string {
  try {
    return (headerString(h, key) ?? "").trim();
  } catch {
    return String(headerNumber(h, key) ?? "");
  }
}

/**
 * Encodes a template in redrock's layout (float32 BASIS_VECTORS on a log10 wavelength grid, with
 * LOGLAM = 1, and its REDSHIFTS grid), with `provenance` lines as COMMENT cards, so that
 * {@link readTemplateFits} and redrock both read it. `wave` must be uniform in log10.
 */
export function encodeTemplateFits(t: Template, provenance: readonly string[]): Uint8Array {
  const n = t.wave.length;
  const l0 = Math.log10(t.wave[0]!);
  const dl = (Math.log10(t.wave[n - 1]!) - l0) / (n - 1);
  const data = new Float32Array(t.basis.length * n);
  t.basis.forEach((v, b) => data.set(v, b * n));
  const cards = [
    card("CRVAL1", l0, "log10 of the first rest wavelength (Angstrom)"),
    card("CDELT1", dl, "log10 wavelength step"),
    card("LOGLAM", 1, "wavelengths are 10**(CRVAL1 + i*CDELT1)"),
    card("RRTYPE", t.spectype),
    card("RRSUBTYP", t.subtype),
    card("VERSION", t.version),
    card("RRIGM", t.igm ? "Inoue14" : "None", "IGM applied by the fitter to quasars"),
    card("RRMETHOD", "PCA"),
    ...provenance.map((p) => commentCard(p)),
  ];
  const hdus: FitsHdu[] = [
    { kind: "image", header: makeHeader([]), shape: [], data: null },
    { kind: "image", name: "BASIS_VECTORS", header: makeHeader(cards), shape: [t.basis.length, n], data },
    { kind: "image", name: "REDSHIFTS", header: makeHeader([]), shape: [t.redshifts.length], data: Float64Array.from(t.redshifts) },
  ];
  return encodeFits(hdus);
}
