/** Throws a RangeError unless `nside` is a power of two from 1 to 2^24, as nested pixels need. */
export function checkNside(nside: number, kernel: string): void {
  if (!Number.isInteger(nside) || nside < 1 || nside > 2 ** 24 || (nside & (nside - 1)) !== 0) {
    throw new RangeError(`${kernel}: nside ${nside} is not a power of two from 1 to 2^24`);
  }
}
