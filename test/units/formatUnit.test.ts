import { describe, expect, it } from "vitest";
import { formatUnit, parseUnit } from "../../src/units/index.js";
import { unitOf } from "./unitOf.js";

describe("formatUnit", () => {
  it("writes the factor, positive powers, then negative powers, alphabetically", () => {
    const cases: [string, string][] = [
      ["1e-17 erg/s/cm2/Angstrom", "1e-17 erg Angstrom-1 cm-2 s-1"],
      ["10**+17 cm2 count s / erg", "1e+17 cm2 count s erg-1"],
      ["(1e-17 erg/s/cm2/Angstrom)**-2", "1e+34 Angstrom2 cm4 s2 erg-2"],
      ["electron/Angstrom", "electron Angstrom-1"],
      ["km/s", "km s-1"],
      ["µm", "um"],
      ["Å", "Angstrom"],
      ["spectra", "spectrum"],
      ["Gbyte", "GB"],
      ["10min", "10 min"],
      ["2.5e6 s", "2.5e+6 s"],
      ["1000 s", "1000 s"],
      ["Hz^(-1/2)", "Hz^(-1/2)"],
      ["m**0.37", "m^0.37"],
      ["s**-0.37", "s^-0.37"],
      ["", "dimensionless"],
      ["1e-17", "1e-17"],
      ["m m/m", "m"],
    ];
    for (const [input, text] of cases) {
      const u = unitOf(input);
      expect(formatUnit(u), input).toBe(text);
      expect(u.text, input).toBe(text);
    }
  });

  it("gives text that parses back to the same unit and formats the same", () => {
    for (const input of [
      "1e-17 erg/s/cm2/Angstrom",
      "(1e-17 erg/s/cm²/Å)⁻²",
      "10**+17 cm2 count s / erg",
      "m**0.37 (3 s)**(-1/3)",
      "Hz(-1/2)",
      "1.5 GiB/h",
      "/s",
    ]) {
      const u = unitOf(input);
      const back = parseUnit(formatUnit(u));
      expect(back.ok && back.unit, input).toEqual(u);
    }
  });
});
