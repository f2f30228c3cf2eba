import type { ByteSource } from "./ByteSource.js";
import type { NumericArray } from "./Dtype.js";
import { dtypeSize, viewArray } from "./Dtype.js";
import { FitsError } from "./FitsError.js";
import type { ImageArray } from "./FitsHdu.js";
import type { ImageInfo } from "./HduInfo.js";
import { fromBigEndianInPlace } from "./byteOrder.js";

/**
 * Reads rows `start` to `end` (exclusive) along the slowest axis (numpy axis 0, FITS
 * NAXISn) of an image, reading only those bytes. The result has shape
 * `[end − start, ...shape.slice(1)]`. `inspect` sees the stored (big-endian) bytes
 * before they are converted, so a checksum can be taken without reading them twice.
 */
export function readImageData(source: ByteSource, info: ImageInfo, start: number, end: number, inspect?: (stored: Uint8Array) => void): ImageArray {
  if (info.shape.length === 0) throw new FitsError("the HDU has no data (NAXIS = 0)");
  const rows = info.shape[0]!;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > rows || start > end) {
    throw new FitsError(`the row range ${start}–${end} is outside the image's ${rows} rows`);
  }
  const perRow = info.shape.slice(1).reduce((a, b) => a * b, 1);
  const size = dtypeSize(info.storage);
  const count = (end - start) * perRow;
  const bytes = source.read(info.dataStart + start * perRow * size, count * size);
  inspect?.(bytes);
  const shape = [end - start, ...info.shape.slice(1)];
  const scaling = info.scaling;
  fromBigEndianInPlace(bytes, size, scaling.kind === "none" && scaling.flipSign);
  const stored = viewArray(scaling.kind === "none" ? info.dtype : info.storage, bytes.buffer, 0, count);
  if (scaling.kind === "none") return { shape, data: stored };
  return {
    shape,
    data: applyScaling(stored, info.dtype === "float32" ? new Float32Array(count) : new Float64Array(count), scaling.bscale, scaling.bzero, scaling.blank),
  };
}

/** `out[i] = stored[i] × scale + zero`, with `blank` values (integers only) as NaN. */
export function applyScaling(stored: NumericArray, out: Float32Array | Float64Array, scale: number, zero: number, blank?: bigint): Float32Array | Float64Array {
  const n = stored.length;
  if (stored instanceof BigInt64Array || stored instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) {
      const v = stored[i]!;
      out[i] = blank !== undefined && v === blank ? NaN : Number(v) * scale + zero;
    }
    return out;
  }
  const b = blank === undefined ? undefined : Number(blank);
  for (let i = 0; i < n; i++) {
    const v = stored[i]!;
    out[i] = v === b ? NaN : v * scale + zero;
  }
  return out;
}
