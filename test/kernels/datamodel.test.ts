import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { readKernelIndex, resolveModules, type KernelIndex, type ProductTypeInfo } from "../../src/kernels/index.js";
import { composeMembers, readInterfaces } from "../datamodel/readJsdoc.js";
import { REPO } from "./helpers.js";

let index: KernelIndex;

beforeAll(async () => {
  const { modules, problems } = resolveModules(join(REPO, "pipelines/any.dflow"), []);
  expect(problems).toEqual([]);
  expect(modules).toEqual([{ alias: "datamodel", spec: "stdlib.datamodel", entry: join(REPO, "stdlib/datamodel/index.ts") }]);
  index = await readKernelIndex(modules);
});

function type(name: string): ProductTypeInfo {
  const t = index.types.find((x) => x.name === name);
  if (t === undefined) throw new Error(`the data model has no product type \`${name}\``);
  return t;
}

const dims = (t: ProductTypeInfo, hdu: string): string[] | undefined =>
  t.hdus.find((h) => h.name === hdu)?.dims?.map((d) => (d.size === undefined ? d.name : `${d.name}=${d.size}`));

test("the standard data model reads without problems and has no kernels.", () => {
  expect(index.problems).toEqual([]);
  expect(index.kernels).toEqual([]);
});

test("`Frame` is a FITS product with its image HDUs in member order and a fibermap table.", () => {
  const frame = type("Frame");
  expect([frame.module, frame.format, frame.loc.file]).toEqual(["datamodel", "fits", join(REPO, "stdlib/datamodel/Frame.ts")]);
  expect(frame.hdus.map((h) => [h.name, h.kind, h.dtype ?? h.tableType])).toEqual([
    ["FLUX", "image", "f32"],
    ["IVAR", "image", "f32"],
    ["MASK", "image", "i32"],
    ["WAVELENGTH", "image", "f64"],
    ["RESOLUTION", "image", "f32"],
    ["FIBERMAP", "table", "FibermapTable"],
    ["SCORES", "table", "FrameScoresTable"],
  ]);
  // SCORES columns carry the band in their names: all optional, a frame writes its band's.
  expect(frame.hdus[6]?.columns?.every((c) => c.optional === true)).toBe(true);
  expect(dims(frame, "FLUX")).toEqual(["fiber", "wave"]);
  expect(dims(frame, "RESOLUTION")).toEqual(["fiber", "diag=11", "wave"]);
  expect(frame.hdus[0]?.unit).toBe("electron/Angstrom");
  expect(frame.header.map((k) => k.key)).toEqual(expect.arrayContaining(["NIGHT", "EXPID", "CAMERA", "MJD-OBS"]));
  const targetid = frame.hdus.find((h) => h.name === "FIBERMAP")?.columns?.find((c) => c.name === "TARGETID");
  expect(targetid?.dtype).toBe("i64");
});

test("`Spectra` has a flux, ivar, mask, resolution and wavelength HDU per camera band, and its fibermap.", () => {
  const spectra = type("Spectra");
  const names = spectra.hdus.map((h) => h.name);
  for (const band of ["B", "R", "Z"]) {
    for (const part of ["WAVELENGTH", "FLUX", "IVAR", "MASK", "RESOLUTION"]) expect(names).toContain(`${band}_${part}`);
  }
  expect(names).toContain("FIBERMAP");
  expect(dims(spectra, "B_FLUX")).toEqual(["spectrum", "wave_b"]);
  expect(spectra.hdus.find((h) => h.name === "B_FLUX")?.unit).toBe("10**-17 erg/(s cm2 Angstrom)");
});

test("`Redrock` holds its REDSHIFTS and FIBERMAP tables.", () => {
  const redrock = type("Redrock");
  expect(redrock.format).toBe("fits");
  const redshifts = redrock.hdus.find((h) => h.name === "REDSHIFTS");
  expect(redshifts?.kind).toBe("table");
  expect(redshifts?.columns?.map((c) => c.name)).toEqual(expect.arrayContaining(["TARGETID", "Z", "ZERR", "ZWARN", "SPECTYPE"]));
  expect(redshifts?.columns?.find((c) => c.name === "COEFF")?.dims).toEqual([{ name: "coeff", size: 10 }]);
  expect(redrock.hdus.map((h) => h.name)).toContain("FIBERMAP");
});

test("every table's columns, as the reader composes them through extends, Pick and Omit, are those the tests' regex reader composes, tags and all.", () => {
  const dir = join(REPO, "stdlib/datamodel");
  const declared = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => readInterfaces(readFileSync(join(dir, f), "utf8"), f));
  const { byName, problems } = composeMembers(declared);
  expect(problems).toEqual([]);
  const seen = new Set<string>();
  for (const t of index.types) {
    for (const h of t.hdus) {
      if (h.kind !== "table" || h.tableType === undefined || seen.has(h.tableType)) continue;
      seen.add(h.tableType);
      const expected = (byName.get(h.tableType) ?? [])
        .filter((m) => m.name !== "header" || m.doc?.tags.some((x) => x.name === "column") === true)
        .map((m) => [m.name, m.doc?.tags.find((x) => x.name === "column")?.text, m.doc?.summary]);
      const read = (h.columns ?? []).map((c) => [
        c.name,
        `${c.name} ${c.dtype}${c.dims.length > 0 ? `[${c.dims.map((d) => (d.size === undefined ? d.name : `${d.name}=${d.size}`)).join(", ")}]` : ""}${c.unit !== undefined ? " " + c.unit : ""}`,
        c.doc,
      ]);
      expect(read, h.tableType).toEqual(expected);
    }
  }
  expect([...seen]).toEqual(
    expect.arrayContaining(["FibermapTable", "SpectraFibermapTable", "CoaddFibermapTable", "ExpFibermapTable", "TargetsTable", "Tsnr2Table", "ZCatalogTable"]),
  );
});
