import type { HeaderKeyInfo, ProductTypeInfo } from "../../kernels/index.js";
import type { EcsvColumnData, EcsvTable } from "../../../stdlib/io/ecsv/index.js";
import type { HeaderValues, ProductValue } from "./ProductValue.js";
import { dtypeInfo } from "./dtypeInfo.js";

/**
 * The ECSV table a validated ECSV product value is written as: columns in declaration order
 * with their dtype, unit and doc as description (`bool` as True/False), and `meta` with the
 * declared keys first, then the others sorted. Integers are YAML integers: a declared `int`
 * always, an undeclared key when its number is whole.
 */
export function ecsvTable(t: ProductTypeInfo, value: ProductValue): EcsvTable {
  const columns = t.columns
    .filter((c) => c.optional !== true || value[c.name] !== undefined)
    .map((c) => {
      const info = dtypeInfo(c.dtype);
      const raw = value[c.name] as EcsvColumnData;
      const data: EcsvColumnData = info.kind === "bool" ? Array.from(raw as Uint8Array, (b) => b !== 0) : raw;
      return {
        name: c.name,
        data,
        dtype: info.ecsv,
        ...(c.unit !== undefined ? { unit: c.unit } : {}),
        ...(c.doc !== "" ? { description: c.doc } : {}),
      };
    });
  return { columns, meta: ecsvMeta(t.meta, value["meta"] as HeaderValues | undefined) };
}

function ecsvMeta(declared: readonly HeaderKeyInfo[], meta: Readonly<HeaderValues> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (meta === undefined) return out;
  const known = new Set(declared.map((k) => k.key));
  for (const k of declared) {
    const v = meta[k.key];
    if (v !== undefined) out[k.key] = k.type === "int" && typeof v === "number" ? BigInt(v) : v;
  }
  for (const key of Object.keys(meta)
    .filter((key) => !known.has(key))
    .sort()) {
    const v = meta[key];
    if (v !== undefined) out[key] = typeof v === "number" && Number.isSafeInteger(v) && !Object.is(v, -0) ? BigInt(v) : v;
  }
  return out;
}
