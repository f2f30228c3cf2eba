/**
 * Throws a RangeError naming `caller` unless `wave` is strictly increasing and positive: the
 * renderer's pixel edges and window searches rely on it.
 */
export function checkWavelengths(wave: Float64Array, caller: string): void {
  let prev = 0;
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i] as number;
    if (!(w > prev)) throw new RangeError(`${caller}: wavelengths must be positive and strictly increasing; element ${i} is ${w} after ${prev}`);
    prev = w;
  }
}
