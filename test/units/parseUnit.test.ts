import { describe, expect, it } from "vitest";
import { parseUnit, sameUnit } from "../../src/units/index.js";
import { failureOf, unitOf } from "./unitOf.js";

const FLUX = "1e-17 erg/s/cm2/Angstrom";

describe("parseUnit on the spellings DESI uses", () => {
  it("reads the calibrated flux unit the same in every spelling", () => {
    const spellings = [
      FLUX,
      "10**-17 erg/(s cm2 Angstrom)",
      "1e-17 erg / (s * cm**2 * Angstrom)",
      "10^-17 erg.s-1.cm-2.Angstrom-1",
      "10-17 erg s^-1 cm^-2 AA-1",
      "10**(-17) erg/s/cm²/Å",
      "1e-17 erg / s cm2 Angstrom",
    ];
    const units = spellings.map(unitOf);
    for (const [i, u] of units.entries()) {
      expect(sameUnit(u, units[0]!), spellings[i]).toBe(true);
      expect(u.dims, spellings[i]).toEqual({ length: -1, mass: 1, time: -3 });
      expect(u.text, spellings[i]).toBe("1e-17 erg Angstrom-1 cm-2 s-1");
    }
    expect(units[0]!.scale).toBe(1e-10);
  });

  it("parses the inverse variance unit as the flux unit to the power -2", () => {
    const ivar = unitOf(`(${FLUX})**-2`);
    expect(sameUnit(ivar, unitOf("10**+34 cm4 s2 Angstrom2 / erg2"))).toBe(true);
    expect(sameUnit(ivar, unitOf("(1e-17 erg/s/cm²/Å)⁻²"))).toBe(true);
    expect(ivar.dims).toEqual({ length: 2, mass: -2, time: 6 });
    expect(ivar.scale).toBe(1e20);
  });

  it("parses FLUXCALIB's BUNIT as counts per Angstrom over the flux unit", () => {
    const fluxcalib = unitOf("10**+17 cm2 count s / erg");
    expect(sameUnit(fluxcalib, unitOf(`(count/Angstrom)/(${FLUX})`))).toBe(true);
    expect(fluxcalib.dims).toEqual({ count: 1, mass: -1, time: 3 });
  });

  it("parses every unit written in the file data models of desidatamodel", () => {
    // BUNITs and column units of frame, cframe, fiberflat, sky, fluxcalib, stdstars, fibermap.
    const section6 = [
      "electron/Angstrom",
      "electrons/Å",
      "10**-17 erg/(s cm2 Angstrom)",
      "(1e-17 erg/s/cm²/Å)⁻²",
      "10**+17 cm2 count s / erg",
      "(electrons/Å)/(1e-17 erg/s/cm²/Å)",
      "1e-17 erg/s/cm²/Å",
      "Å",
      "Angstrom",
      "deg",
      "mm",
      "nanomaggy",
      "nanomaggy-2",
      "mag",
      "mas/yr",
      "s",
      "d",
      "",
      "dimensionless",
      "MB",
    ];
    for (const text of section6) expect(failureOf(text), text).toBe("ok");
  });

  it("keeps electrons and counts apart, as astropy does", () => {
    expect(sameUnit(unitOf("electron/Angstrom"), unitOf("count/Angstrom"))).toBe(false);
    expect(sameUnit(unitOf("count/Angstrom"), unitOf("ct/AA"))).toBe(true);
    expect(sameUnit(unitOf("electron"), unitOf("adu"))).toBe(false);
    expect(sameUnit(unitOf("photon"), unitOf("ph"))).toBe(true);
  });

  it("defines the nanomaggy as 3.631 µJy and keeps magnitudes their own dimension", () => {
    expect(sameUnit(unitOf("nanomaggy"), unitOf("3.631 uJy"))).toBe(true);
    expect(sameUnit(unitOf("nmgy"), unitOf("3631e-35 W m-2 Hz-1"))).toBe(true);
    expect(unitOf("mag").dims).toEqual({ magnitude: 1 });
    expect(sameUnit(unitOf("mmag"), unitOf("1e-3 mag"))).toBe(true);
  });
});

describe("parseUnit grammar", () => {
  it("reads exponents in every accepted form", () => {
    const m2 = unitOf("m2");
    for (const text of ["m^2", "m**2", "m²", "m+2", "m(2)", "m**(2)", "m^+2", "(m)**2", "m m", "m*m", "m.m", "m·m", "(m-2)**-1"]) {
      expect(unitOf(text), text).toEqual(m2);
    }
    const perSecond = unitOf("s-1");
    for (const text of ["s^-1", "s**-1", "s⁻¹", "1/s", "/s", "s**(-1)", "Hz"]) expect(sameUnit(unitOf(text), perSecond), text).toBe(true);
  });

  it("reads `/` as astropy does: left-associative, with products binding tighter", () => {
    expect(unitOf("erg/s/cm2").terms).toEqual({ cm: -2, erg: 1, s: -1 });
    expect(unitOf("erg/s cm2").terms).toEqual({ cm: -2, erg: 1, s: -1 });
    expect(unitOf("erg / s * cm2").terms).toEqual({ cm: -2, erg: 1, s: -1 });
    expect(unitOf("m/s/s").terms).toEqual({ m: 1, s: -2 });
    expect(unitOf("m s / kg").terms).toEqual({ kg: -1, m: 1, s: 1 });
    expect(unitOf("(erg/s)**2").terms).toEqual({ erg: 2, s: -2 });
  });

  it("reads fractional powers and keeps them exact", () => {
    expect(unitOf("Hz^(-1/2)").dims).toEqual({ time: 0.5 });
    expect(unitOf("m(1/2)").terms).toEqual({ m: 0.5 });
    expect(unitOf("m**0.5")).toEqual(unitOf("m^(1/2)"));
    expect(unitOf("(m^(1/3))**3")).toEqual(unitOf("m"));
    expect(unitOf("cm^(1/2)").scale).toBeCloseTo(0.1, 15);
  });

  it("reads leading numeric factors, also inside parentheses", () => {
    expect(unitOf("10**+17 cm2").factor).toBe(1e17);
    expect(unitOf("10^3 m").scale).toBe(1000);
    expect(unitOf("2.5 km").scale).toBe(2500);
    expect(unitOf(".5 s").scale).toBe(0.5);
    expect(unitOf("10⁻¹⁷ erg").factor).toBe(1e-17);
    expect(unitOf("1e-17").dims).toEqual({});
    expect(unitOf("(1e-3 m)**2").scale).toBe(1e-6);
    expect(unitOf("10min")).toEqual(unitOf("10 min"));
  });

  it("knows prefixes, aliases and the cost-model counts", () => {
    expect(unitOf("kg").scale).toBe(1);
    expect(unitOf("µm")).toEqual(unitOf("um"));
    expect(unitOf("μm")).toEqual(unitOf("um"));
    expect(unitOf("Å")).toEqual(unitOf("Angstrom"));
    expect(unitOf("\u212b")).toEqual(unitOf("AA"));
    expect(unitOf("angstrom").text).toBe("Angstrom");
    expect(unitOf("dam").scale).toBe(10);
    expect(unitOf("cd").dims).toEqual({ luminous_intensity: 1 });
    expect(unitOf("Gyr").scale).toBe(31557600e9);
    expect(unitOf("Gbyte")).toEqual(unitOf("GB"));
    expect(unitOf("KiB").scale).toBe(1024);
    expect(unitOf("pixel")).toEqual(unitOf("pix"));
    expect(unitOf("hr")).toEqual(unitOf("h"));
    expect(unitOf("day")).toEqual(unitOf("d"));
    for (const [plural, singular] of [
      ["spectra", "spectrum"],
      ["targets", "target"],
      ["exposures", "exposure"],
      ["fibers", "fiber"],
      ["tasks", "task"],
      ["rows", "row"],
    ] as const) {
      expect(unitOf(plural), plural).toEqual(unitOf(singular));
      expect(unitOf(plural).dims).toEqual({ [singular]: 1 });
    }
    expect(sameUnit(unitOf("spectrum"), unitOf("target"))).toBe(false);
  });

  it('reads the empty text, `""` and `dimensionless` as dimensionless', () => {
    const one = unitOf("");
    expect(one).toMatchObject({ scale: 1, dims: {}, text: "dimensionless" });
    expect(unitOf('""')).toEqual(one);
    expect(unitOf("  ")).toEqual(one);
    expect(unitOf("dimensionless")).toEqual(one);
    expect(unitOf("m/m")).toEqual(one);
    expect(unitOf("km/m")).toMatchObject({ scale: 1000, dims: {} });
  });
});

describe("parseUnit errors", () => {
  it("reports unknown units with did-you-mean suggestions", () => {
    const r = parseUnit("1e-17 erg/s/cm2/Angstorm");
    expect(r).toEqual({ ok: false, message: "Unknown unit `Angstorm`.", offset: 16, length: 8, suggestions: ["Angstrom"] });
    const suggestionsFor = (text: string): string[] => {
      const x = parseUnit(text);
      return x.ok ? [] : x.suggestions;
    };
    expect(suggestionsFor("nanomagy")).toEqual(["nanomaggy"]);
    expect(suggestionsFor("KB")[0]).toBe("kB");
    expect(suggestionsFor("ergs")).toEqual(["erg"]);
    expect(suggestionsFor("arcsecs")[0]).toBe("arcsec");
    expect(suggestionsFor("electorn")).toEqual(["electron"]);
    expect(suggestionsFor("Angstroms")).toEqual(["Angstrom"]);
    expect(suggestionsFor("zorglub")).toEqual([]);
  });

  it("reports malformed text with a message and the offset of the problem", () => {
    expect(failureOf("erg//s")).toBe("4+1: Expected a unit after `/`, found `/`.");
    expect(failureOf("(s")).toBe("0+1: This `(` is never closed.");
    expect(failureOf("10**")).toBe("4+0: Expected an exponent after `**`, found the end.");
    expect(failureOf("cm^")).toBe("3+0: Expected an exponent after `^`, found the end.");
    expect(failureOf("m)")).toBe("1+1: This `)` has no matching `(`.");
    expect(failureOf("m/")).toBe("2+0: Expected a unit after `/`, found the end.");
    expect(failureOf("m *")).toBe("3+0: Expected a unit after `*`, found the end.");
    expect(failureOf("m**x")).toBe("3+1: Expected an exponent after `**`, found `x`.");
    expect(failureOf("erg 1e-17")).toBe("4+5: A numeric factor can only come first, as in `1e-17 erg/s`; found `1e-17` after a unit.");
    expect(failureOf("erg/s-cm2")).toBe("5+1: Expected a unit, `*`, `/` or the end, found `-`.");
    expect(failureOf("m @ s")).toBe("2+1: `@` cannot appear in a unit.");
    expect(failureOf("()")).toBe("1+1: Expected a unit inside the parentheses, found `)`.");
    expect(failureOf("m^(1/0)")).toBe("2+5: The exponent divides by zero.");
    expect(failureOf("m**2**3")).toBe("4+2: Only one exponent can follow a unit; add parentheses, as in `(m**2)**3`.");
    expect(failureOf("0 m")).toBe("0+1: The numeric factor 0 is zero; a unit's factor must be positive.");
    expect(failureOf("m**5000")).toMatch(/^3\+4: The exponent 5000 is out of range/);
    expect(failureOf("1e999 m")).toBe("0+7: The scale of this unit is out of range.");
    expect(failureOf("(m**800)**2")).toMatch(/^0\+\d+: The power of `m` here is 1600/);
  });
});
