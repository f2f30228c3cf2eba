import { applyAbsorptionLines } from "./absorptionLine.js";
import { blackbody } from "./blackbody.js";
import { lowerBound } from "./lowerBound.js";
import { REST } from "./restWavelengths.js";
import { sampleSmooth } from "./sampleSmooth.js";
import type { SourceModel } from "./SourceModel.js";
import { balmerStrength, metalStrength, stellarLines, type StellarParameters } from "./stellarLines.js";
import type { TemplateRow } from "./TemplateRow.js";

/** TiO band heads (Å) of M stars, degraded to the red, and their relative strength. */
const TIO: readonly (readonly [number, number])[] = [
  [4955, 0.5],
  [5167, 0.6],
  [5448, 0.7],
  [5847, 0.6],
  [6159, 0.9],
  [6651, 0.8],
  [7054, 1],
  [7589, 0.8],
  [8432, 0.5],
];
const TIO_LENGTH = 150;
/** Anchor spacing (Δλ/λ) of the smooth continuum, see `sampleSmooth.ts`. */
const SMOOTH_STEP = 5e-4;

/**
 * A star (STAR or WD) at radial velocity c·TRUEZ: a blackbody at TEFF times
 *
 * - line blanketing by unresolved metal lines, exp(−0.3 m (4000/λ)³) with m the metal
 *   strength (θ and [Fe/H] as for the lines, capped at 3): the blue deficit of cool stars;
 * - a Balmer jump, flux × (1 − 0.55 s) below 3646 Å (s the Balmer strength) rising to 1 by
 *   3720 Å, where the crowding Balmer lines merge;
 * - the absorption lines of `stellarLines.ts` (Balmer lines; HeI for DB; metals);
 * - TiO bands below 4200 K, depth up to 0.8 at 3000 K.
 *
 * Defaults when not positive: TEFF 6000 K (15 000 K for WD), LOGG 4.5 (8 for WD); FEH 0
 * when not finite. WD rows are DA (hydrogen) unless TEMPLATESUBTYPE is "DB".
 */
export function starModel(row: TemplateRow): SourceModel {
  const wd = row.TEMPLATETYPE.trim().toUpperCase() === "WD";
  const p: StellarParameters = {
    teff: Math.min(100000, Math.max(2500, row.TEFF > 0 ? row.TEFF : wd ? 15000 : 6000)),
    logg: row.LOGG > 0 ? row.LOGG : wd ? 8 : 4.5,
    feh: Number.isFinite(row.FEH) ? Math.min(1, Math.max(-4, row.FEH)) : 0,
    atmosphere: wd && row.TEMPLATESUBTYPE.trim().toUpperCase() === "DB" ? "He" : "H",
    metals: !wd,
  };
  const lines = stellarLines(p);
  const blanket = p.metals ? 0.3 * Math.min(3, metalStrength(p.teff, p.feh, false)) : 0;
  const jump = p.atmosphere === "H" ? 0.55 * balmerStrength(p.teff) : 0;
  const tio = p.metals ? Math.min(0.8, Math.max(0, (4200 - p.teff) / 1200)) * 10 ** (0.3 * Math.min(p.feh, 0.5)) : 0;
  const teff = p.teff;
  const continuum = (w: number): number => {
    let f = blackbody(w, teff);
    if (blanket > 0) {
      const u = 4000 / w;
      f *= Math.exp(-blanket * u * u * u);
    }
    if (jump > 0 && w < 3720) {
      const r = w <= REST.BALMER_LIMIT ? 0 : 0.5 - 0.5 * Math.cos((Math.PI * (w - REST.BALMER_LIMIT)) / (3720 - REST.BALMER_LIMIT));
      f *= 1 - jump * (1 - r);
    }
    return f;
  };
  const restShapeInto = (restWave: Float64Array, out: Float64Array): void => {
    sampleSmooth(restWave, out, continuum, SMOOTH_STEP);
    if (tio > 0) {
      for (const [head, s] of TIO) {
        const lo = lowerBound(restWave, head - 5);
        const hi = lowerBound(restWave, head + 6 * TIO_LENGTH);
        for (let i = lo; i < hi; i++) {
          const d = (restWave[i] as number) - head;
          out[i] = (out[i] as number) * (1 - tio * s * Math.exp(-Math.max(d, 0) / TIO_LENGTH) * Math.min(1, (d + 5) / 5));
        }
      }
    }
    applyAbsorptionLines(lines, restWave, out);
  };
  return { z: row.TRUEZ, restShapeInto, lines: [], igm: null };
}
