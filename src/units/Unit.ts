/**
 * A physical unit, parsed: `scale × Π base^dims` in the base of each dimension (m, kg, s, A, K,
 * mol, cd, rad, byte, and one of each countable thing). Two units are the same when their
 * `dims` are equal and their scales agree (`sameUnit`), however they were written.
 * Plain readonly data: `JSON.stringify` and snapshots just work.
 */
export interface Unit {
  /** The size of this unit in base units: 1e-10 for `1e-17 erg/s/cm2/Angstrom` (kg m⁻¹ s⁻³). */
  readonly scale: number;
  /** Dimension name → power, keys sorted, no zero powers: `{ length: -1, mass: 1, time: -3 }`. */
  readonly dims: Readonly<Record<string, number>>;
  /** The canonical spelling, as `formatUnit` writes it: `1e-17 erg Angstrom-1 cm-2 s-1`. */
  readonly text: string;
  /** The leading numeric factor (1e-17), positive. */
  readonly factor: number;
  /** The named units it is made of, canonical symbol → power, keys sorted: `{ Angstrom: -1, cm: -2, erg: 1, s: -1 }`. */
  readonly terms: Readonly<Record<string, number>>;
}
