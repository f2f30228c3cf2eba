import { DATA_PREFIXES, SI_PREFIXES, type UnitPrefix } from "./prefixes.js";
import { multiplyScales, type Scale } from "./Scale.js";
import { UNIT_DEFINITIONS, type UnitDefinition } from "./unitDefinitions.js";

/** A spelling resolved to its unit: canonical symbol (`um` for `µm`, `Angstrom` for `Å`), scale and dimensions. */
export interface ResolvedUnitName {
  /** The canonical spelling, prefix included: what `formatUnit` writes. */
  readonly symbol: string;
  readonly definition: UnitDefinition;
  /** The prefix as written, if any. */
  readonly prefix: UnitPrefix | undefined;
  /** Prefix × unit. */
  readonly scale: Scale;
}

function prefixesOf(def: UnitDefinition): readonly UnitPrefix[] {
  switch (def.prefixes) {
    case "si":
      return SI_PREFIXES;
    case "data":
      return DATA_PREFIXES;
    case "none":
      return [];
  }
}

/**
 * Every accepted spelling. Exact names are entered first, so a prefixed form can never shadow
 * one (`cd` is the candela, not a centi-day; `ph` the photon); the vocabulary test checks that
 * no prefixed form collides at all.
 */
function buildSpellings(): ReadonlyMap<string, ResolvedUnitName> {
  const map = new Map<string, ResolvedUnitName>();
  for (const def of UNIT_DEFINITIONS) {
    const symbol = def.names[0] ?? "";
    for (const name of def.names) if (!map.has(name)) map.set(name, { symbol, definition: def, prefix: undefined, scale: def.scale });
  }
  for (const def of UNIT_DEFINITIONS) {
    const base = def.names[0] ?? "";
    for (const prefix of prefixesOf(def)) {
      const scale = multiplyScales(prefix.scale, def.scale);
      for (const name of def.prefixable) {
        const spelling = prefix.text + name;
        if (!map.has(spelling)) map.set(spelling, { symbol: prefix.canonical + base, definition: def, prefix, scale });
      }
    }
  }
  return map;
}

const SPELLINGS = buildSpellings();

/** The unit a spelling names (`km`, `GiB`, `µm`, `Å`, `spectra`), or undefined when dflow does not know it. */
export function lookupUnitName(name: string): ResolvedUnitName | undefined {
  return SPELLINGS.get(name);
}

/**
 * All spellings dflow accepts, prefixed forms included, in vocabulary order; the micro signs
 * `µ` and `μ` are left out (their `u` forms are listed), which keeps suggestions typeable.
 */
export function unitSpellings(): string[] {
  return [...SPELLINGS.keys()].filter((s) => !/[\u00b5\u03bc]/u.test(s));
}
