/**
 * The content hash the executor stores beside each product is the SHA-256 of the file's bytes,
 * computed while they are written, and depends only on the value.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { CODEC_VERSION, contentHash, encodeProduct, encodeProductBytes, hashChunks, writeProduct } from "../../../src/runtime/codecs/index.js";
import { productType } from "./productTypes.js";
import { desiFrame, exampleExposures, exampleSummary } from "./values.js";

const dir = mkdtempSync(join(tmpdir(), "dflow-codecs-hash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("content hash", () => {
  test("hashChunks hashes FITS chunks as they pass, even though they share one buffer.", async () => {
    const { t, value } = await desiFrame();
    const chunks = hashChunks(encodeProduct(t, value));
    const copies: Uint8Array[] = [];
    for (const chunk of chunks) copies.push(chunk.slice());
    const bytes = Buffer.concat(copies);
    expect(chunks.hex()).toBe(sha256(bytes));
    expect(chunks.bytes()).toBe(bytes.byteLength);
    expect(contentHash(encodeProduct(t, value))).toBe(sha256(encodeProductBytes(t, value)));
  });

  test("writeProduct returns the SHA-256 and size of the file it wrote, for each format.", async () => {
    const cases = [
      { ...(await desiFrame()), file: "frame.fits" },
      { t: await productType("ExampleExposures"), value: exampleExposures(), file: "exposures.ecsv" },
      { t: await productType("ExampleSummary"), value: exampleSummary(), file: "summary.json" },
    ];
    for (const { t, value, file } of cases) {
      const path = join(dir, file);
      const written = writeProduct(t, value, path);
      const bytes = readFileSync(path);
      expect(written).toEqual({ sha256: sha256(bytes), bytes: bytes.byteLength });
    }
  });

  test("Equal values built in different key orders have the same hash; a changed pixel changes it.", async () => {
    const { t, value } = await desiFrame();
    const header = value["header"] as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(value).reverse());
    reordered["header"] = Object.fromEntries([...Object.entries(header).reverse(), ["ZEXTRA", 1], ["AEXTRA", "a"]]);
    const same = { ...value, header: { ...header, AEXTRA: "a", ZEXTRA: 1 } };
    expect(contentHash(encodeProduct(t, reordered))).toBe(contentHash(encodeProduct(t, same)));
    const flux = value["FLUX"] as { data: Float32Array; shape: number[] };
    const changed = { ...value, FLUX: { shape: flux.shape, data: flux.data.map((x, i) => (i === 7 ? x + 1 : x)) } };
    expect(contentHash(encodeProduct(t, changed))).not.toBe(contentHash(encodeProduct(t, value)));
  });

  test("The codec version is a non-empty string for task fingerprints.", () => {
    expect(CODEC_VERSION).toMatch(/^\S+$/);
  });
});
