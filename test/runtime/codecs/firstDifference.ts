/**
 * Exact comparison of product values for the round-trip tests: typed arrays must be of the
 * same class with the same elements (NaN equals NaN, -0 differs from 0), objects the same
 * keys, strings and bigints equal. Returns where the first difference is, or `undefined`.
 */
export function firstDifference(a: unknown, b: unknown, path = "value"): string | undefined {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) return `${path}: ${describe(a)} vs ${describe(b)}`;
    if (a.constructor !== b.constructor) return `${path}: ${a.constructor.name} vs ${b.constructor.name}`;
    const x = a as unknown as ArrayLike<number | bigint>;
    const y = b as unknown as ArrayLike<number | bigint>;
    if (x.length !== y.length) return `${path}: length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${path}[${i}]: ${String(x[i])} vs ${String(y[i])}`;
    return undefined;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: ${describe(a)} vs ${describe(b)}`;
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${path}: keys [${ka.join(", ")}] vs [${kb.join(", ")}]`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${describe(a)} vs ${describe(b)}`;
}

function describe(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v);
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  if (Array.isArray(v)) return "an array";
  return String(v);
}

/** A header or meta with integers as the codecs give them back: numbers when they fit 2^53. */
export function safeIntegers<T extends Record<string, unknown>>(header: T): T {
  return Object.fromEntries(
    Object.entries(header).map(([k, v]) => [
      k,
      typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v,
    ]),
  ) as T;
}
