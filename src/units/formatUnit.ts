import { powerAsFraction } from "./snapPower.js";
import type { Unit } from "./Unit.js";

/**
 * The canonical text of a unit, in the FITS style astropy also reads: the numeric factor, then
 * the units with positive powers, then those with negative powers, each group in case-insensitive
 * alphabetical order, powers written after the symbol (`1e-17 erg Angstrom-1 cm-2 s-1`,
 * `1e+17 count cm2 s erg-1`, `m^(1/2)`). A unit without terms or factor is `dimensionless`.
 * Deterministic, and `parseUnit(formatUnit(u))` gives `u` back.
 */
export function formatUnit(unit: Unit): string {
  return formatTerms(unit.factor, unit.terms);
}

/** `formatUnit` on the parts of a unit: its factor and its terms (canonical symbol → power). */
export function formatTerms(factor: number, terms: Readonly<Record<string, number>>): string {
  const entries = Object.entries(terms).filter(([, p]) => p !== 0);
  const byName = (a: readonly [string, number], b: readonly [string, number]): number => {
    const la = a[0].toLowerCase();
    const lb = b[0].toLowerCase();
    if (la !== lb) return la < lb ? -1 : 1;
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  };
  const parts: string[] = [];
  if (factor !== 1) parts.push(formatNumber(factor));
  for (const [symbol, p] of entries.filter(([, p]) => p > 0).sort(byName)) parts.push(symbol + formatPower(p));
  for (const [symbol, p] of entries.filter(([, p]) => p < 0).sort(byName)) parts.push(symbol + formatPower(p));
  return parts.length === 0 ? "dimensionless" : parts.join(" ");
}

/** A factor in its shortest round-trip spelling; exponent notation outside [1e-4, 1e6). */
function formatNumber(x: number): string {
  return x >= 1e-4 && x < 1e6 ? String(x) : x.toExponential();
}

function formatPower(p: number): string {
  if (p === 1) return "";
  if (Number.isInteger(p)) return String(p);
  const fraction = powerAsFraction(p);
  if (fraction !== undefined) return `^(${fraction[0]}/${fraction[1]})`;
  return `^${p < 0 ? "-" : ""}${formatNumber(Math.abs(p))}`;
}
