import { BANDS, cameraSpec, type Band } from "./cameras.js";

/** Width of the roll-off inside the blue edge of b and the red edge of z, Å (model value, docs/sources.md#throughput). */
const ROLLOFF = 150;

/**
 * The two dichroics of a spectrograph, each a raised-cosine transition between the first arm's
 * light and the next arm's over the range where both arms have non-zero throughput (specsim's
 * worst-fiber table, docs/sources.md#wavelength-grids): b/r from 5564 to 5998 Å (crossover, where each arm gets half, at 5781 Å),
 * r/z from 7360 to 7805 Å (crossover at 7582.5 Å); DESI's crossovers near 5800 and
 * 7600 Å (docs/sources.md#throughput). What one dichroic reflects into the bluer arm it does not transmit to the redder one,
 * so the arms' fractions sum to 1 at every wavelength.
 */
const DICHROICS: readonly (readonly [number, number])[] = [
  [5564, 5998],
  [7360, 7805],
];

/** Fraction of the light that dichroic `d` sends to the bluer of its two arms at `wave` Å. */
function blueFraction(d: number, wave: number): number {
  const [lo, hi] = DICHROICS[d]!;
  if (wave <= lo) return 1;
  if (wave >= hi) return 0;
  return 0.5 * (1 + Math.cos((Math.PI * (wave - lo)) / (hi - lo)));
}

/**
 * Fraction of the light at `wave` Å that the dichroics send to arm `band` (b, r or z): 1 inside
 * the arm's own range, falling to 0 across each dichroic's transition; the three fractions sum
 * to 1 at every wavelength.
 */
export function dichroicFraction(band: Band, wave: number): number {
  if (band === "b") return blueFraction(0, wave);
  if (band === "r") return (1 - blueFraction(0, wave)) * blueFraction(1, wave);
  return 1 - blueFraction(1, wave);
}

/**
 * Efficiency of an arm's own optics and CCD at `wave` Å (everything but the dichroic split): a
 * smooth bump with the arm's peak (b 0.35, r 0.45, z 0.45; docs/sources.md#throughput) falling by 20 % of the
 * peak toward both ends of the arm's non-zero range, with a raised-cosine roll-off over 150 Å
 * inside the outer edges of the instrument (3533 Å for b, 9913 Å for z); 0 outside the arm's
 * non-zero range.
 */
function armEfficiency(band: Band, wave: number): number {
  const s = cameraSpec(band);
  if (wave <= s.minWave || wave >= s.maxWave) return 0;
  const mid = (s.minWave + s.maxWave) / 2;
  const x = (wave - mid) / ((s.maxWave - s.minWave) / 2);
  const bump = s.peak * (1 - 0.2 * x * x);
  const edge = band === "b" ? wave - s.minWave : band === "z" ? s.maxWave - wave : Infinity;
  if (edge >= ROLLOFF) return bump;
  return bump * 0.5 * (1 - Math.cos((Math.PI * edge) / ROLLOFF));
}

/**
 * End-to-end throughput of an arm at `wave` Å, without atmosphere and fiber loss (telescope,
 * corrector, fiber, spectrograph, CCD; docs/sources.md#throughput): the arm's efficiency (peak 0.35 in b, 0.45
 * in r and z, 20 % lower toward its ends) times the fraction of the light the dichroics send to
 * it ({@link dichroicFraction}). In the b/r and r/z overlaps the arms share the light: b + r and
 * r + z never exceed {@link totalThroughput}, which they sum to. About 0.12 at 3600 Å, 0.35 at
 * 4700 Å, 0.45 at 6500 Å and 8600 Å, 0.24 at 9824 Å; at the crossovers 5781 Å and 7582.5 Å each
 * arm gets half the light (b 0.15 + r 0.20; r 0.20 + z 0.19).
 */
export function throughput(camera: string, wave: number): number {
  const band = cameraSpec(camera).band;
  const eff = armEfficiency(band, wave);
  return eff === 0 ? 0 : eff * dichroicFraction(band, wave);
}

/**
 * Total throughput of a spectrograph at `wave` Å, all arms together: the sum of
 * {@link throughput} over b, r and z, what a detector behind both dichroics would collect.
 */
export function totalThroughput(wave: number): number {
  let sum = 0;
  for (const band of BANDS) sum += throughput(band, wave);
  return sum;
}

/** {@link throughput} at every wavelength of `wave`. */
export function throughputCurve(camera: string, wave: Float64Array): Float64Array {
  const out = new Float64Array(wave.length);
  for (let i = 0; i < wave.length; i++) out[i] = throughput(camera, wave[i]!);
  return out;
}
