/**
 * ECSV 1.0 reading and writing, compatible with astropy: typed columns (int64/uint64 as
 * BigInt64Array/BigUint64Array), units, descriptions, formats and table metadata.
 */
export { EcsvError } from "./EcsvError.js";
export type { EcsvColumn, EcsvColumnData, EcsvDtype, EcsvMeta, EcsvTable } from "./EcsvTable.js";
export { ECSV_DTYPES, dtypeOfData } from "./EcsvTable.js";
export { formatEcsv, formatEcsvChunks } from "./formatEcsv.js";
export { parseEcsv } from "./parseEcsv.js";
export { readEcsv } from "./readEcsv.js";
export { writeEcsv } from "./writeEcsv.js";
