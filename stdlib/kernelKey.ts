import type { GridKey, PartitionKey } from "./kernel.js";

/**
 * The value of grid `grid` in a partition key, for kernels that find their partition through
 * `ctx.key`; throws an Error naming the grid when the stage is not indexed by it.
 */
export function keyOf(key: PartitionKey, grid: string, kernel: string): GridKey {
  const v = key[grid];
  if (v === undefined) {
    const have = Object.keys(key)
      .map((k) => `\`${k}\``)
      .join(", ");
    throw new Error(
      `${kernel} reads its \`${grid}\` from the partition key, but the task's key has ${have === "" ? "no grids" : have}; index the stage by a grid named \`${grid}\``,
    );
  }
  return v;
}

/** {@link keyOf} as an integer (a number, a bigint or a decimal string). */
export function integerKeyOf(key: PartitionKey, grid: string, kernel: string): number {
  const v = keyOf(key, grid, kernel);
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n)) throw new Error(`${kernel}: the \`${grid}\` key ${String(v)} is not an integer`);
  return n;
}
