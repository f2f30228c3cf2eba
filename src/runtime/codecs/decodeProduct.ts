import { readFileSync, statSync } from "node:fs";
import { countRead } from "./ioCounter.js";
import type { ProductTypeInfo } from "../../kernels/index.js";
import { EcsvError, parseEcsv } from "../../../stdlib/io/ecsv/index.js";
import { FitsError, openFits } from "../../../stdlib/io/fits/index.js";
import { CodecError } from "./CodecError.js";
import type { ProductValue } from "./ProductValue.js";
import { decodeEcsv } from "./decodeEcsv.js";
import { decodeFits } from "./decodeFits.js";
import { decodeJson } from "./decodeJson.js";
import { validateProduct } from "./validateProduct.js";

/**
 * Reads a product of type `t` from a file path or from its bytes into the in-memory layout of
 * docs/datamodel.md: images as `{ data, shape }` with numpy-order shapes, columns in their
 * declared typed-array classes (`bool` as 0/1 Uint8Array, strings as `string[]`), the FITS
 * primary `header` or ECSV `meta` as a record (integers as numbers when they fit 2^53, bigints
 * otherwise), JSON with bigints and typed arrays restored where the field's type says so.
 * Members the type does not declare (extra HDUs, columns, fields) are not read. FITS
 * checksums present are verified. Throws a {@link CodecError} listing every problem when the
 * file is not a valid product of the type; the caller vouches that `T` is `t`'s interface.
 */
export function decodeProduct<T extends object = ProductValue>(t: ProductTypeInfo, input: string | Uint8Array): T {
  const path = typeof input === "string" ? input : undefined;
  const problems: string[] = [];
  let value: Record<string, unknown>;
  try {
    value = decodeInput(t, input, problems);
  } catch (error) {
    if (error instanceof FitsError || error instanceof EcsvError) throw new CodecError([error.detail + locationOf(error)], path, { cause: error });
    if (error instanceof SyntaxError) throw new CodecError([`The file is not valid JSON: ${error.message}.`], path, { cause: error });
    throw error;
  }
  if (problems.length > 0) throw new CodecError(problems, path);
  const invalid = validateProduct(t, value);
  if (invalid.length > 0) throw new CodecError(invalid, path);
  return value as T;
}

function decodeInput(t: ProductTypeInfo, input: string | Uint8Array, problems: string[]): Record<string, unknown> {
  switch (t.format) {
    case "fits": {
      const file = openFits(input, { checksum: "verify" });
      try {
        return decodeFits(t, file, problems);
      } finally {
        if (typeof input === "string") countRead(input, file.bytesRead);
        file.close();
      }
    }
    case "ecsv":
      return decodeEcsv(t, parseEcsv(readText(input), typeof input === "string" ? input : undefined), problems);
    case "json":
      return decodeJson(t, JSON.parse(readText(input)) as unknown, problems);
    case "html":
      return { [t.fields[0]?.name ?? "html"]: readText(input) };
  }
}

/** The text of a file or of UTF-8 bytes; a missing file is a {@link CodecError}. */
export function readText(input: string | Uint8Array): string {
  if (typeof input === "string") countRead(input, statSize(input));
  if (typeof input !== "string") return new TextDecoder("utf-8").decode(input);
  try {
    return readFileSync(input, "utf8");
  } catch (error) {
    throw new CodecError([`The file cannot be read: ${(error as Error).message}.`], input, { cause: error });
  }
}

function locationOf(error: FitsError | EcsvError): string {
  if (error instanceof FitsError) return error.hdu === undefined ? "" : ` (HDU ${error.hdu}${error.hduName !== undefined ? ` \`${error.hduName}\`` : ""})`;
  return error.line === undefined ? "" : ` (line ${error.line})`;
}

/** The size of `path`, 0 when it cannot be read (reading it reports why). */
function statSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
