/**
 * A function sampled on a uniform wavelength grid, read back by linear interpolation; the
 * library's lazily built rest-frame tables (galaxy populations, FeII, Balmer continuum) are
 * all of this shape.
 */
export interface Table {
  /** Wavelength of the first sample, Å. */
  readonly start: number;
  /** Sample spacing, Å. */
  readonly step: number;
  /** The samples. */
  readonly values: Float64Array;
}

/** Samples `f` at `start, start + step, …` up to and including `end`. */
export function sampleTable(start: number, end: number, step: number, f: (wave: number) => number): Table {
  const n = Math.round((end - start) / step) + 1;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = f(start + i * step);
  return { start, step, values };
}

/** Linear interpolation in `table` at `wave`; 0 outside the tabulated range. */
export function lookup(table: Table, wave: number): number {
  const x = (wave - table.start) / table.step;
  const i = Math.floor(x);
  const v = table.values;
  if (i < 0 || i >= v.length - 1) return i === v.length - 1 ? (v[i] as number) : 0;
  const a = v[i] as number;
  return a + ((v[i + 1] as number) - a) * (x - i);
}
