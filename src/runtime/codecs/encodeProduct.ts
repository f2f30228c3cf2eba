import type { ProductTypeInfo } from "../../kernels/index.js";
import { EcsvError, formatEcsvChunks } from "../../../stdlib/io/ecsv/index.js";
import { FitsError, encodeFitsChunks } from "../../../stdlib/io/fits/index.js";
import { CodecError } from "./CodecError.js";
import { ecsvTable } from "./ecsvTable.js";
import { fitsHdus } from "./fitsHdus.js";
import { formatJson } from "./formatJson.js";
import { isRecord } from "./isRecord.js";
import { validateEcsv } from "./validateEcsv.js";
import { validateFits } from "./validateFits.js";
import { validateHtml } from "./validateHtml.js";
import { validateJson } from "./validateJson.js";
import { validateProduct } from "./validateProduct.js";

/** Options of {@link encodeProduct}. */
export interface EncodeProductOptions {
  /** The file being written, for error messages. */
  readonly path?: string;
}

/**
 * Encodes a product value as the bytes of its file, in chunks, so a large product is never
 * one buffer: FITS (HDUs in member order, EXTNAME, BUNIT, TUNITn, TDIMn, the header keys,
 * CHECKSUM and DATASUM), ECSV (columns in member order with dtypes, units and `meta`), JSON
 * (declared field order, bigints as decimal strings, a final newline) or HTML (the document's
 * UTF-8 bytes as they are). Nothing depends on the
 * time or the machine, so the same value always gives the same bytes. The value is validated
 * first: a {@link CodecError} listing every problem is thrown before any chunk. FITS chunks
 * may share one buffer, so each is valid only until the next is requested: write or hash it
 * first.
 */
export function encodeProduct(t: ProductTypeInfo, value: unknown, options: EncodeProductOptions = {}): Iterable<Uint8Array> {
  const path = options.path;
  if (!isRecord(value)) throw new CodecError(validateProduct(t, value), path);
  const problems: string[] = [];
  switch (t.format) {
    case "fits": {
      const layout = validateFits(t, value, problems);
      if (problems.length > 0) throw new CodecError(problems, path);
      const hdus = fitsHdus(t, value, layout);
      return rethrowAsCodecError(encodeFitsChunks(hdus, path !== undefined ? { path } : {}), path);
    }
    case "ecsv": {
      validateEcsv(t, value, problems);
      if (problems.length > 0) throw new CodecError(problems, path);
      const table = ecsvTable(t, value);
      return rethrowAsCodecError(utf8Chunks(formatEcsvChunks(table, path)), path);
    }
    case "json": {
      validateJson(t, value, problems);
      if (problems.length > 0) throw new CodecError(problems, path);
      return [
        new TextEncoder().encode(
          formatJson(
            value,
            t.fields.map((f) => f.name),
          ),
        ),
      ];
    }
    case "html": {
      validateHtml(t, value, problems);
      if (problems.length > 0) throw new CodecError(problems, path);
      return [new TextEncoder().encode(value[t.fields[0]?.name ?? ""] as string)];
    }
  }
}

function* utf8Chunks(texts: Iterable<string>): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const text of texts) yield encoder.encode(text);
}

/**
 * Passes chunks through, turning the FITS and ECSV writers' errors (a unit or string the
 * format cannot hold, which validation does not foresee) into a {@link CodecError}.
 */
function* rethrowAsCodecError(chunks: Iterable<Uint8Array>, path: string | undefined): Generator<Uint8Array> {
  try {
    yield* chunks;
  } catch (error) {
    if (error instanceof FitsError || error instanceof EcsvError) {
      throw new CodecError([error.detail + (error instanceof FitsError && error.hduName !== undefined ? ` (HDU \`${error.hduName}\`)` : "")], path, {
        cause: error,
      });
    }
    throw error;
  }
}
