import type { ByteSource } from "./ByteSource.js";
import type { CardValue } from "./Card.js";
import { FitsError } from "./FitsError.js";
import { findCard } from "./Header.js";
import type { HduInfo } from "./HduInfo.js";
import { addChecksums, onesComplementSum } from "./checksum.js";

/** What to do about CHECKSUM and DATASUM when reading. */
export type ChecksumPolicy =
  /** Do not look at them (the default: reading stays lazy). */
  | "ignore"
  /** Verify those present; a mismatch is a {@link FitsError}. */
  | "verify"
  /** As `verify`, and an HDU without both keywords is an error too. */
  | "require";

/** Bytes summed per read while verifying, so large HDUs are not held in memory at once. */
const CHUNK = 2880 * 2048;

/**
 * Checks the DATASUM (the data unit's sum) and CHECKSUM (the whole HDU sums to −0) of one
 * HDU, reading its data in chunks unless the caller, who has just read it, passes its sum.
 * Throws a {@link FitsError} on a mismatch.
 */
export function verifyChecksum(source: ByteSource, info: HduInfo, policy: Exclude<ChecksumPolicy, "ignore">, knownDataSum?: number): void {
  const checksumCard = findCard(info.header, "CHECKSUM");
  const datasumCard = findCard(info.header, "DATASUM");
  if (policy === "require" && (checksumCard === undefined || datasumCard === undefined)) {
    throw new FitsError("the HDU has no CHECKSUM and DATASUM keywords");
  }
  if (checksumCard === undefined && datasumCard === undefined) return;
  const padded = info.end - info.dataStart;
  let dataSum = knownDataSum ?? 0;
  for (let offset = 0; knownDataSum === undefined && offset < padded; offset += CHUNK) {
    const length = Math.min(CHUNK, padded - offset);
    const available = Math.max(0, Math.min(length, info.dataStart + info.dataBytes - (info.dataStart + offset)));
    // A last block without its padding (tolerated on read) is summed as if zero-padded.
    const bytes = new Uint8Array(length);
    if (available > 0) bytes.set(source.read(info.dataStart + offset, available));
    dataSum = onesComplementSum(bytes, dataSum);
  }
  if (datasumCard !== undefined) {
    const text = typeof datasumCard.value === "string" ? datasumCard.value.trim() : cardText(datasumCard.value);
    if (!/^\d+$/.test(text) || Number(text) !== dataSum) {
      throw new FitsError(`DATASUM = '${text}' does not match the data, whose sum is ${dataSum}: the data is corrupted`);
    }
  }
  if (checksumCard !== undefined) {
    const headerSum = onesComplementSum(source.read(info.headerStart, info.dataStart - info.headerStart));
    const total = addChecksums(headerSum, dataSum);
    if (total !== 0xffff_ffff) {
      throw new FitsError(`CHECKSUM = '${cardText(checksumCard.value)}' does not match: the HDU sums to ${total.toString(16)}, not ffffffff`);
    }
  }
}

/** A card's value as its header shows it, for messages (a complex value as `(re, im)`). */
function cardText(v: CardValue): string {
  return typeof v === "object" && v !== null ? `(${v.re}, ${v.im})` : String(v);
}
