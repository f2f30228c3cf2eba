import type { PartitionKey } from "../kernel.js";

/**
 * The nested healpix pixel a per-pixel task works on, `key.healpix`: a non-negative integer below
 * `npix` given as a number (or a bigint). Throws an Error naming the grid and the value when the
 * key is missing, not an integer or out of range.
 */
export function healpixKey(key: PartitionKey, npix: number, kernel: string): number {
  const v = key["healpix"];
  if (v === undefined) {
    const have = Object.keys(key)
      .map((k) => `\`${k}\``)
      .join(", ");
    throw new Error(
      `${kernel} reads its pixel from the partition key \`healpix\`, but the task's key has ${have === "" ? "no grids" : have}; index the stage by a grid named \`healpix\``,
    );
  }
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n)) {
    throw new TypeError(`${kernel}: the \`healpix\` key ${JSON.stringify(typeof v === "bigint" ? String(v) : v)} is not an integer pixel number`);
  }
  if (n < 0 || n >= npix) throw new RangeError(`${kernel}: the \`healpix\` key ${n} is not a pixel number from 0 to ${npix - 1}`);
  return n;
}
