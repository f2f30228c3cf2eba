import { describe, expect, it } from "vitest";
import { DATA_PREFIXES, SI_PREFIXES, UNIT_DEFINITIONS, parseUnit, unitSpellings } from "../../src/units/index.js";

describe("the unit vocabulary", () => {
  it("has no prefixed form that collides with a name or another prefixed form", () => {
    const names = new Map<string, string>();
    for (const def of UNIT_DEFINITIONS) {
      for (const name of def.names) {
        expect(names.get(name), `${name} is defined twice`).toBeUndefined();
        names.set(name, def.names[0]!);
      }
    }
    const prefixed = new Map<string, string>();
    for (const def of UNIT_DEFINITIONS) {
      const prefixes = def.prefixes === "si" ? SI_PREFIXES : def.prefixes === "data" ? DATA_PREFIXES : [];
      for (const prefix of prefixes) {
        for (const name of def.prefixable) {
          const spelling = prefix.text + name;
          const what = `${prefix.text}+${name}`;
          expect(names.get(spelling), `${what} collides with the unit ${spelling}`).toBeUndefined();
          expect(prefixed.get(spelling), `${what} collides with ${prefixed.get(spelling)}`).toBeUndefined();
          prefixed.set(spelling, what);
        }
      }
    }
  });

  it("parses every spelling to its canonical symbol, which parses to the same unit", () => {
    const spellings = unitSpellings();
    expect(spellings.length).toBeGreaterThan(300);
    for (const spelling of spellings) {
      const r = parseUnit(spelling);
      expect(r.ok, spelling).toBe(true);
      if (!r.ok) continue;
      expect(Object.keys(r.unit.terms), spelling).toHaveLength(1);
      const canonical = parseUnit(r.unit.text);
      expect(canonical.ok && canonical.unit, spelling).toEqual(r.unit);
    }
  });

  it("documents every unit and names the canonical spelling first", () => {
    for (const def of UNIT_DEFINITIONS) {
      expect(def.description, def.names[0]).not.toBe("");
      for (const name of def.prefixable) expect(def.names, name).toContain(name);
    }
  });
});
