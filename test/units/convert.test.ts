import { describe, expect, it } from "vitest";
import { convert, describeDimensions, isDataSize, isDuration, sameUnit, toBytes, toSeconds } from "../../src/units/index.js";
import { unitOf } from "./unitOf.js";

function converted(value: number, from: string, to: string): number {
  const r = convert(value, unitOf(from), unitOf(to));
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe("convert", () => {
  it("converts durations, sizes, wavelengths and angles exactly", () => {
    expect(converted(10, "min", "s")).toBe(600);
    expect(converted(4, "GB", "B")).toBe(4e9);
    expect(converted(4, "GiB", "B")).toBe(4294967296);
    expect(converted(0.8, "Angstrom", "nm")).toBe(0.08);
    expect(converted(1, "deg", "arcsec")).toBe(3600);
    expect(converted(1, "deg", "mas")).toBe(3.6e6);
    expect(converted(3600, "arcsec", "deg")).toBe(1);
    expect(converted(1, "d", "h")).toBe(24);
    expect(converted(1, "yr", "d")).toBe(365.25);
    expect(converted(1, "GiB", "MiB")).toBe(1024);
    expect(converted(1, "erg", "J")).toBe(1e-7);
    expect(converted(1, "kg", "g")).toBe(1000);
  });

  it("converts through rational and irrational factors within rounding", () => {
    expect(converted(180, "deg", "rad")).toBeCloseTo(Math.PI, 15);
    expect(converted(1, "sr", "deg2")).toBeCloseTo((180 / Math.PI) ** 2, 10);
    expect(converted(10, "min", "h")).toBe(1 / 6);
    expect(converted(1, "nanomaggy", "Jy")).toBe(3.631e-6);
  });

  it("converts flux densities between spellings and scales", () => {
    expect(converted(2.5, "1e-17 erg/s/cm2/Angstrom", "10**-17 erg/(s cm2 Angstrom)")).toBe(2.5);
    expect(converted(1, "1e-17 erg/s/cm2/Angstrom", "W m-2 nm-1")).toBe(1e-19);
    expect(converted(1, "(1e-17 erg/s/cm2/Angstrom)**-2", "10**+34 cm4 s2 Angstrom2 / erg2")).toBe(1);
  });

  it("refuses to convert across dimensions and names both kinds of quantity", () => {
    expect(convert(1, unitOf("erg/s"), unitOf("s"))).toEqual({ ok: false, message: "`erg s-1` (a power) cannot be converted to `s` (a duration)." });
    expect(convert(1, unitOf("electron/Angstrom"), unitOf("count/Angstrom"))).toEqual({
      ok: false,
      message: "`electron Angstrom-1` (m-1 electron) cannot be converted to `count Angstrom-1` (m-1 count).",
    });
    expect(convert(1, unitOf("mag"), unitOf("Jy")).ok).toBe(false);
    expect(convert(1, unitOf("nanomaggy"), unitOf("1e-17 erg/s/cm2/Angstrom"))).toEqual({
      ok: false,
      message:
        "`nanomaggy` (a spectral flux density per frequency) cannot be converted to `1e-17 erg Angstrom-1 cm-2 s-1` (a spectral flux density per wavelength).",
    });
  });
});

describe("sameUnit", () => {
  it("compares scales with a relative tolerance", () => {
    expect(sameUnit(unitOf("1.0000000000001 m"), unitOf("m"))).toBe(true);
    expect(sameUnit(unitOf("1.00000000001 m"), unitOf("m"))).toBe(false);
    expect(sameUnit(unitOf("1.00000000001 m"), unitOf("m"), 1e-9)).toBe(true);
    expect(sameUnit(unitOf("J"), unitOf("erg"))).toBe(false);
    expect(sameUnit(unitOf("J"), unitOf("1e7 erg"))).toBe(true);
    expect(sameUnit(unitOf("Hz"), unitOf("s-1"))).toBe(true);
  });
});

describe("resource dimensions", () => {
  it("recognises durations and data sizes", () => {
    for (const t of ["s", "min", "h", "hr", "d", "yr", "ms", "10min"]) expect(isDuration(unitOf(t)), t).toBe(true);
    for (const t of ["B", "kB", "GB", "GiB", "byte", "TB"]) expect(isDataSize(unitOf(t)), t).toBe(true);
    for (const t of ["s-1", "Hz", "GB/s", "m", "", "spectrum"]) {
      expect(isDuration(unitOf(t)), t).toBe(false);
      expect(isDataSize(unitOf(t)), t).toBe(false);
    }
  });

  it("gives seconds and bytes for the planner", () => {
    expect(toSeconds(10, unitOf("min"))).toEqual({ ok: true, value: 600 });
    expect(toSeconds(2, unitOf("h"))).toEqual({ ok: true, value: 7200 });
    expect(toSeconds(250, unitOf("ms"))).toEqual({ ok: true, value: 0.25 });
    expect(toBytes(4, unitOf("GB"))).toEqual({ ok: true, value: 4e9 });
    expect(toBytes(4, unitOf("GiB"))).toEqual({ ok: true, value: 4294967296 });
    expect(toBytes(1.5, unitOf("TB"))).toEqual({ ok: true, value: 1.5e12 });
    expect(toSeconds(4, unitOf("GB"))).toEqual({ ok: false, message: "`GB` (a data size) cannot be converted to `s` (a duration)." });
  });

  it("describes dimensions for messages", () => {
    expect(describeDimensions(unitOf("spectra").dims)).toBe("a number of spectra");
    expect(describeDimensions(unitOf("s/spectrum").dims)).toBe("s spectrum-1");
    expect(describeDimensions(unitOf("electron").dims)).toBe("a number of electrons");
    expect(describeDimensions({})).toBe("dimensionless");
    expect(describeDimensions(unitOf("Jy").dims)).toBe("a spectral flux density per frequency");
  });
});
