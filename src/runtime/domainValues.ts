import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { Value } from "../plan/index.js";

/**
 * A grid or relation kernel's return value that is not usable (a key that is not a whole
 * number or a string, a duplicate key, a pair of the wrong arity): a mistake in the user's
 * kernel, reported as its diagnostic (DF5008), never as a bug in dflow.
 */
export class DomainValueError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(message: string) {
    super(message);
    this.diagnostic = diag("DF5008", message, undefined, {
      help: "a grid kernel returns `{ keys }` and a relation kernel `{ pairs }`, each key a whole number, a bigint or a string, each grid key once",
    });
  }
}

/** Why a key is not usable, or undefined: keys are safe whole numbers, bigints or strings. */
function keyProblem(k: unknown): string | undefined {
  if (typeof k === "string" || typeof k === "bigint") return undefined;
  if (typeof k === "number") {
    if (Number.isNaN(k)) return "NaN";
    if (!Number.isFinite(k)) return String(k);
    if (!Number.isInteger(k)) return `${k}, not a whole number`;
    if (!Number.isSafeInteger(k)) return `${k}, a whole number past 2^53 (return it as a bigint)`;
    return undefined;
  }
  return k === null ? "null" : `${/^[aeiou]/.test(typeof k) ? "an" : "a"} ${typeof k}`;
}

/** A valid key as the planner keeps it: bigints within the safe range become numbers, larger ones their decimal text. */
function keyValue(k: number | string | bigint): Value {
  return typeof k === "bigint" ? (k <= BigInt(Number.MAX_SAFE_INTEGER) && k >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(k) : k.toString()) : k;
}

/** Ordinal of a 0-based position, as people count: 1st, 2nd, 3rd, 4th. */
function nth(i: number): string {
  const n = i + 1;
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
}

/**
 * The keys a grid kernel returned (`GridKeys`), checked: `keys` an array of whole numbers,
 * bigints or strings, each once. Throws {@link DomainValueError} naming the kernel, the grid
 * and the key otherwise.
 */
export function gridKeysOf(kernel: string, grid: string, value: unknown): Value[] {
  const what = `Grid kernel \`${kernel}\` (grid \`${grid}\`)`;
  const keys = (value as { keys?: unknown } | null | undefined)?.keys;
  if (typeof value !== "object" || value === null || !Array.isArray(keys)) throw new DomainValueError(`${what} did not return \`{ keys: [...] }\`.`);
  const out: Value[] = [];
  const seen = new Map<string, number>();
  (keys as unknown[]).forEach((k, i) => {
    const why = keyProblem(k);
    if (why !== undefined) throw new DomainValueError(`${what} returned an unusable key: the ${nth(i)} key is ${why}.`);
    const v = keyValue(k as number | string | bigint);
    const id = `${typeof v}:${String(v)}`;
    const first = seen.get(id);
    if (first !== undefined) throw new DomainValueError(`${what} returned the key ${JSON.stringify(v)} twice (the ${nth(first)} and ${nth(i)} keys).`);
    seen.set(id, i);
    out.push(v);
  });
  return out;
}

/**
 * The pairs a relation kernel returned (`RelationPairs`), checked: `pairs` an array of tuples
 * of `arity` keys (whole numbers, bigints or strings). Throws {@link DomainValueError} naming
 * the kernel, the relation and the pair otherwise.
 */
export function relationPairsOf(kernel: string, relation: string, arity: number, value: unknown): Value[][] {
  const what = `Relation kernel \`${kernel}\` (relation \`${relation}\`)`;
  const pairs = (value as { pairs?: unknown } | null | undefined)?.pairs;
  if (typeof value !== "object" || value === null || !Array.isArray(pairs)) throw new DomainValueError(`${what} did not return \`{ pairs: [...] }\`.`);
  return (pairs as unknown[]).map((p, i) => {
    if (!Array.isArray(p) || p.length !== arity)
      throw new DomainValueError(`${what} returned a malformed pair: the ${nth(i)} pair is not an array of ${arity} keys (one per variable of the relation).`);
    return (p as unknown[]).map((k, j) => {
      const why = keyProblem(k);
      if (why !== undefined) throw new DomainValueError(`${what} returned an unusable key: key ${j + 1} of the ${nth(i)} pair is ${why}.`);
      return keyValue(k as number | string | bigint);
    });
  });
}
