/**
 * Acceptance: every FITS file dflow writes opens in astropy with identical values, dtypes,
 * shapes and header cards, passes fitsverify with no warning, and carries CHECKSUM and
 * DATASUM that astropy and fitsverify accept.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTool } from "../helpers/externalTools.js";
import type { Card, FitsHdu } from "../../stdlib/io/fits/index.js";
import { encodeFits, readFits, writeFits } from "../../stdlib/io/fits/index.js";
import { fibermapProduct, frameProduct, redrockProduct, spectraProduct } from "./desiProducts.js";
import { edgeCaseProduct } from "./edgeCaseProduct.js";
import type { CardSummary, FileSummary } from "./fitsSummary.js";
import { encodeCardValue, hashValues, normalizePythonCards, pythonData, runFitsTool, summarizeCards, summarizeData } from "./fitsSummary.js";

const products: Record<string, () => FitsHdu[]> = {
  "frame-b1-00012345.fits": () => frameProduct("b1", 12345, 12, false, 1),
  "cframe-r1-00012345.fits": () => frameProduct("r1", 12345, 12, true, 2),
  "fibermap-00012345.fits": () => fibermapProduct(60, 3),
  "spectra-main-dark-27258.fits": () => spectraProduct(8, 4),
  "redrock-main-dark-27258.fits": () => redrockProduct(9, 5),
  "edge-cases.fits": edgeCaseProduct,
};
const names = Object.keys(products);
const STRUCTURAL =
  /^(SIMPLE|XTENSION|BITPIX|NAXIS\d*|EXTEND|PCOUNT|GCOUNT|BSCALE|BZERO|TFIELDS|(TTYPE|TFORM|TUNIT|TDIM|TZERO)\d+|EXTNAME|CHECKSUM|DATASUM|LONGSTRN)$/;

/** The cards a writer should put in the header for `cards`, commentary split at 72 characters. */
function expectedUserCards(cards: readonly Card[]): CardSummary[] {
  const out: CardSummary[] = [];
  for (const c of cards) {
    if (c.kind === "value") out.push([c.key, encodeCardValue(c.value), c.comment ?? ""]);
    else for (let i = 0; i === 0 || i < c.text.length; i += 72) out.push([c.key, c.text.slice(i, i + 72), ""]);
  }
  return out;
}

/**
 * What astropy 5.2 hands out for our HDU: the same, except that it reads a signed-byte
 * column (TFORM B, TZERO −128, FITS 4.0 table 19) as scaled float64 with the same values.
 */
function asAstropyReadsIt(hdu: FitsHdu): ReturnType<typeof summarizeData> {
  const summary = summarizeData(hdu);
  if (hdu.kind !== "table") return summary;
  return {
    ...summary,
    columns: summary.columns!.map((c, k) => {
      const data = hdu.columns[k]!.data;
      return data instanceof Int8Array ? { ...c, dtype: "float64", sha: hashValues(Float64Array.from(data)) } : c;
    }),
  };
}

describe("FITS files written by dflow", () => {
  const dir = mkdtempSync(join(tmpdir(), "dflow-fits-write-"));
  const written = new Map<string, FitsHdu[]>();
  let astropy: Record<string, FileSummary>;

  beforeAll(() => {
    for (const name of names) {
      const hdus = products[name]!();
      written.set(name, hdus);
      writeFits(join(dir, name), hdus);
    }
    astropy = runFitsTool<Record<string, FileSummary>>("summary", { files: names.map((n) => join(dir, n)) });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(names)("%s opens in astropy with identical values, dtypes and shapes", (name) => {
    const ours = written.get(name)!;
    const theirs = astropy[join(dir, name)]!.hdus;
    expect(theirs.map((h) => h.name ?? null)).toEqual(ours.map((h) => h.name ?? null));
    theirs.forEach((h, i) => expect(pythonData(h), `HDU ${i} ${h.name}`).toEqual(asAstropyReadsIt(ours[i]!)));
  });

  it.each(names)("%s has in astropy the header cards dflow reads back, including every card it was given", (name) => {
    const ours = written.get(name)!;
    const theirs = astropy[join(dir, name)]!.hdus;
    const back = readFits(join(dir, name));
    theirs.forEach((h, i) => {
      const cards = normalizePythonCards(h.cards);
      expect(cards, `HDU ${i} ${h.name}`).toEqual(summarizeCards(back[i]!.header));
      const user = cards.filter(([k]) => !STRUCTURAL.test(k));
      expect(user, `HDU ${i} ${h.name}`).toEqual(expectedUserCards(ours[i]!.header.cards));
    });
  });

  it("astropy opens every file with checksum=True without a warning, and every HDU has CHECKSUM and DATASUM", () => {
    for (const name of names) {
      const summary = astropy[join(dir, name)]!;
      expect(summary.warnings, name).toEqual([]);
      for (const h of summary.hdus) {
        expect(
          h.cards.map(([k]) => k),
          `${name} ${h.name}`,
        ).toEqual(expect.arrayContaining(["CHECKSUM", "DATASUM"]));
        expect(
          h.cards.some(([, , comment]) => /\d{4}-\d\d-\d\d/.test(comment)),
          "no timestamps",
        ).toBe(false);
      }
    }
  });

  it("fitsverify reports 0 warnings and 0 errors for every file", () => {
    const fitsverify = findTool("fitsverify", "fitsverify");
    for (const name of names) {
      const path = join(dir, name);
      const quiet = spawnSync(fitsverify, ["-q", path], { encoding: "utf8" });
      const report = quiet.stdout.includes("verification OK") ? "" : spawnSync(fitsverify, [path], { encoding: "utf8" }).stdout;
      expect(quiet.stdout, report).toContain("verification OK");
    }
  });

  it("dflow reads its own files back exactly, with checksums verified", () => {
    for (const name of names) {
      const back = readFits(join(dir, name), { checksum: "require" });
      const ours = written.get(name)!;
      expect(back.map((h) => h.name ?? null)).toEqual(ours.map((h) => h.name ?? null));
      back.forEach((h, i) => expect(summarizeData(h), `${name} HDU ${i}`).toEqual(summarizeData(ours[i]!)));
    }
  });

  it("writes the same bytes for the same HDUs, and the file holds exactly what encodeFits returns", () => {
    for (const name of names) {
      const a = encodeFits(products[name]!());
      const b = encodeFits(products[name]!());
      expect(Buffer.compare(Buffer.from(a), Buffer.from(b)), name).toBe(0);
      expect(Buffer.compare(Buffer.from(a), readFileSync(join(dir, name))), name).toBe(0);
    }
  });
});
