import { describe, expect, test } from "vitest";
import * as C from "../../stdlib/constants/index.js";
import { KNOWN_CONSTANTS, constantLiterals, constantOfLiteral } from "./constantLiterals.js";
import { parse, tsFiles } from "./sources.js";

/** The one module allowed to spell the constants. */
const CONSTANTS_MODULE = "stdlib/constants/index.ts";

describe("each physical constant is defined once", () => {
  test("no TypeScript file under src/ or stdlib/ spells a known constant outside stdlib/constants", () => {
    const files = [...tsFiles("src"), ...tsFiles("stdlib")].filter((f) => f !== CONSTANTS_MODULE);
    expect(files.length).toBeGreaterThan(300);
    const found = files.flatMap((f) => constantLiterals(parse(f)).map((l) => `${l.at}: ${l.text} (${l.constant}); import it from stdlib/constants`));
    expect(found).toEqual([]);
  });

  test("stdlib/constants spells each constant it defines exactly once", () => {
    const literals = constantLiterals(parse(CONSTANTS_MODULE));
    const counts = new Map<string, number>();
    for (const l of literals) counts.set(l.constant, (counts.get(l.constant) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect([...counts.keys()].sort()).toEqual(
      [
        "speed of light",
        "Planck constant",
        "second radiation constant hc/k",
        "astronomical unit",
        "Earth's equatorial radius (IAU 1976)",
        "AB zero point (3631 Jy)",
      ].sort(),
    );
  });

  test("the detector finds a constant planted in a file, in any spelling, and not in comments or strings", () => {
    const planted = parse(
      "src/planted.ts",
      [
        "// c = 299792.458 km/s in a comment is not a definition",
        'const note = "299792458 m/s";',
        "const C_KMS = 299792.458;",
        "const C_CMS = 2.99792458e10;",
        "const C_SEP = 299_792_458;",
        "const C_ROUNDED = 2.9979e5;",
        "const H = 6.62607015e-34;",
        "const K = 1.380649e-23;",
        "const HC_OVER_K = 1.438777e8;",
        "const AU = 1.495978707e11;",
        "const AB = 3631e-23;",
        "const notC = 2.998e8;",
        "const other = 0x29979245;",
        "const pixel = 0.8, year = 365.25;",
      ].join("\n"),
    );
    expect(constantLiterals(planted).map((l) => `${l.at} ${l.text}`)).toEqual([
      "src/planted.ts:3 299792.458",
      "src/planted.ts:4 2.99792458e10",
      "src/planted.ts:5 299_792_458",
      "src/planted.ts:6 2.9979e5",
      "src/planted.ts:7 6.62607015e-34",
      "src/planted.ts:8 1.380649e-23",
      "src/planted.ts:9 1.438777e8",
      "src/planted.ts:10 1.495978707e11",
      "src/planted.ts:11 3631e-23",
    ]);
  });

  test("every listed constant is recognised from its own digits in scientific notation", () => {
    for (const k of KNOWN_CONSTANTS) expect(constantOfLiteral(`${k.digits[0]}.${k.digits.slice(1)}e-3`)?.name).toBe(k.name);
  });

  test("the constants have their CODATA 2018 and IAU values, and the derived units agree with the defining one", () => {
    expect(C.SPEED_OF_LIGHT_KM_PER_S).toBe(299792.458);
    expect(C.SPEED_OF_LIGHT_ANGSTROM_PER_S).toBe(2.99792458e18);
    expect(C.PLANCK_ERG_S).toBe(6.62607015e-27);
    expect(C.HC_ERG_ANGSTROM).toBeCloseTo(1.98644586e-8, 15);
    // c₂ = hc/k with k = 1.380649e-23 J/K (exact), in Å K.
    expect(C.SECOND_RADIATION_CONSTANT_ANGSTROM_K / ((6.62607015e-34 * 299792458) / 1.380649e-23 / 1e-10) - 1).toBeLessThan(1e-9);
    expect(C.ASTRONOMICAL_UNIT_KM * 1e3).toBe(149597870700);
    expect(C.AB_ZERO_POINT_ERG_PER_S_CM2_HZ).toBeCloseTo(3.631e-20, 30);
    // 1 nMgy = 3.631e-6 Jy: AB magnitude 22.5.
    expect(-2.5 * Math.log10(3.631e-6 / 3631)).toBeCloseTo(C.NANOMAGGY_AB_MAG, 12);
    expect(C.FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM).toBe(1e-17);
  });
});
