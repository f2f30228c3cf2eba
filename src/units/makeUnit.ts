import { formatTerms } from "./formatUnit.js";
import { lookupUnitName } from "./lookupUnitName.js";
import { multiplyScales, numberScale, powerScale, scaleInRange, scaleToNumber, type Scale } from "./Scale.js";
import { snapPower } from "./snapPower.js";
import type { Unit } from "./Unit.js";

/**
 * The exact scale of a factor times named units (canonical symbol → power), multiplied in
 * sorted order so that equal parts always give the same number. Undefined when a symbol is
 * unknown or the scale is out of range.
 */
export function termsScale(factor: number, terms: Readonly<Record<string, number>>): Scale | undefined {
  let scale = numberScale(factor);
  if (scale === undefined) return undefined;
  for (const symbol of Object.keys(terms).sort()) {
    const p = terms[symbol] ?? 0;
    const resolved = lookupUnitName(symbol);
    if (resolved === undefined) return undefined;
    const part = powerScale(resolved.scale, p);
    if (part === undefined) return undefined;
    scale = multiplyScales(scale, part);
    if (!scaleInRange(scale)) return undefined;
  }
  return scale;
}

/** The exact scale of a unit, recomputed from its factor and terms (used by `convert`). */
export function exactScale(unit: Unit): Scale | undefined {
  return termsScale(unit.factor, unit.terms);
}

/**
 * Builds a unit from a positive factor and canonical symbols with powers: sorts and cleans the
 * terms, derives dimensions and scale, spells the canonical text. The one constructor of `Unit`,
 * so a unit and its reparsed text are deeply equal. Undefined when the result is out of range
 * (a non-finite or zero scale, an unknown symbol).
 */
export function makeUnit(factor: number, terms: Iterable<readonly [string, number]>): Unit | undefined {
  const collected = new Map<string, number>();
  for (const [symbol, p] of terms) collected.set(symbol, snapPower((collected.get(symbol) ?? 0) + p));
  const sortedTerms: Record<string, number> = {};
  for (const symbol of [...collected.keys()].sort()) {
    const p = collected.get(symbol) ?? 0;
    if (p !== 0) sortedTerms[symbol] = p;
  }
  const exact = termsScale(factor, sortedTerms);
  if (exact === undefined) return undefined;
  const scale = scaleToNumber(exact);
  if (!(scale > 0) || !Number.isFinite(scale)) return undefined;
  const dimsSum = new Map<string, number>();
  for (const [symbol, p] of Object.entries(sortedTerms)) {
    const def = lookupUnitName(symbol)?.definition;
    if (def === undefined) return undefined;
    for (const [dim, k] of Object.entries(def.dims)) dimsSum.set(dim, snapPower((dimsSum.get(dim) ?? 0) + p * (k ?? 0)));
  }
  const dims: Record<string, number> = {};
  for (const dim of [...dimsSum.keys()].sort()) {
    const p = dimsSum.get(dim) ?? 0;
    if (p !== 0) dims[dim] = p;
  }
  return Object.freeze({
    scale,
    dims: Object.freeze(dims),
    text: formatTerms(factor, sortedTerms),
    factor,
    terms: Object.freeze(sortedTerms),
  });
}
