/**
 * FITS reading and writing for dflow products: primary and IMAGE HDUs, binary tables,
 * headers with long strings, CHECKSUM/DATASUM, and lazy row-range reads. 64-bit integers
 * are BigInt64Array / BigUint64Array throughout.
 */
export type { Card, CardValue, CommentaryCard, FitsComplex, ValueCard } from "./Card.js";
export { card, commentCard, historyCard } from "./Card.js";
export type { Dtype, NumericArray, NumericDtype } from "./Dtype.js";
export { dtypeOfArray } from "./Dtype.js";
export type { FitsErrorLocation } from "./FitsError.js";
export { FitsError } from "./FitsError.js";
export type { Column, ColumnData, FitsHdu, ImageArray, ImageHdu, TableHdu } from "./FitsHdu.js";
export type { Header } from "./Header.js";
export { commentaryTexts, findCard, headerBigInt, headerBoolean, headerNumber, headerString, headerValue, makeHeader } from "./Header.js";
export type { ColumnInfo, ColumnLayout, HduInfo, HduInfoBase, ImageInfo, OtherInfo, PixelScaling, TableInfo } from "./HduInfo.js";
export type { EncodeFitsOptions } from "./encodeFits.js";
export { encodeFits, encodeFitsChunks, writeFits } from "./encodeFits.js";
export type { HduRef } from "./findHdu.js";
export { findHdu } from "./findHdu.js";
export type { FitsFile, OpenFitsOptions } from "./openFits.js";
export { openFits } from "./openFits.js";
export { readFits } from "./readFits.js";
export type { ChecksumPolicy } from "./verifyChecksum.js";
