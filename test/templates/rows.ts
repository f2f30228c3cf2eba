/**
 * Truth rows and grids shared by the template tests.
 */
import { makeTemplateRow, type TemplateRow } from "../../stdlib/templates/index.js";

/** A row with every parameter at 0 and the given overrides. */
export function row(overrides: Partial<TemplateRow>): TemplateRow {
  return makeTemplateRow({
    TARGETID: (1n << 58n) + 1n,
    TRUESPECTYPE: "GALAXY",
    TEMPLATETYPE: "ELG",
    SEED: 20240611n,
    MAG: 21,
    MAGFILTER: "decam2014-r",
    ...overrides,
  });
}

/** An ELG as desisim draws them (desisim templates.py; docs/sources.md#templates). */
export function elg(z: number, overrides: Partial<TemplateRow> = {}): TemplateRow {
  return row({ TRUEZ: z, MAG: 22, OIIFLUX: 8e-17, HBETAFLUX: 3e-17, VDISP: 50, D4000: 1.1, OIIIHBETA: 0.1, OIIDOUBLET: 0.73, ...overrides });
}

/** A quasar at z with the given subtype. */
export function qso(z: number, seed: bigint, subtype = "", overrides: Partial<TemplateRow> = {}): TemplateRow {
  return row({ TRUESPECTYPE: "QSO", TEMPLATETYPE: "QSO", TEMPLATESUBTYPE: subtype, TRUEZ: z, SEED: seed, MAG: 21, ...overrides });
}

/** A main-sequence star. */
export function star(teff: number, overrides: Partial<TemplateRow> = {}): TemplateRow {
  return row({ TRUESPECTYPE: "STAR", TEMPLATETYPE: "STAR", TEFF: teff, LOGG: 4.3, FEH: 0, MAG: 18, ...overrides });
}

/** A uniform grid from `start` to `end` (inclusive) in steps of `step`, Å. */
export function grid(start: number, end: number, step: number): Float64Array {
  const n = Math.round((end - start) / step) + 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}

/** DESI's full wavelength range at 0.8 Å: 3600–9824 Å, 7781 pixels. */
export const DESI_WAVE = grid(3600, 9824, 0.8);

/** Mean of `f` over the samples with wavelength in [a, b]. */
export function meanIn(wave: Float64Array, f: ArrayLike<number>, a: number, b: number): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i] as number;
    if (w >= a && w <= b) {
      s += f[i] as number;
      n++;
    }
  }
  if (n === 0) throw new Error(`no samples in [${a}, ${b}]`);
  return s / n;
}
