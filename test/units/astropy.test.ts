/**
 * Reference: astropy reads the same strings to the same units. For each string both parse,
 * astropy's decomposition into SI bases (and its irreducible units: electron, ct, ph, adu, pix,
 * bit) must give our dimensions and scale; and astropy must read our canonical text back to
 * the same unit, so `formatUnit` output is safe for FITS BUNIT and ECSV unit fields.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatUnit, type Unit } from "../../src/units/index.js";
import { findPython, runPython } from "../helpers/externalTools.js";
import { unitOf } from "./unitOf.js";

const STRINGS = [
  "1e-17 erg/s/cm2/Angstrom",
  "10**-17 erg/(s cm2 Angstrom)",
  "1e-17 erg / (s * cm**2 * Angstrom)",
  "10**+17 cm2 count s / erg",
  "10**+34 cm4 s2 Angstrom2 / erg2",
  "electron/Angstrom",
  "erg / s cm2",
  "erg / s * cm2",
  "erg/s/cm2 Angstrom",
  "W m-2 Hz-1",
  "mJy",
  "uJy/sr",
  "deg2",
  "arcsec2",
  "mas/yr",
  "km/s",
  "km s-1",
  "m.s-1",
  "cm^2",
  "cm**2",
  "s^-1",
  "10^-17 erg",
  "10-17 erg",
  "10**(-17) erg",
  "Hz(-1/2)",
  "m^(1/2)",
  "kbyte",
  "GB",
  "GiB",
  "Mibyte",
  "byte/s",
  "ct/s",
  "ph/(cm2 s)",
  "adu/pix",
  "electron/s/pix",
  "K",
  "mol",
  "cd",
  "sr",
  "rad",
  "h",
  "hr",
  "d",
  "yr",
  "Gyr",
  "min",
  "ms",
  "ns",
  "AA",
  "Å",
  "µm",
  "nm",
  "kg m2 s-2",
  "J/erg",
  "/s",
  "1/s",
  "m²",
  "s⁻¹",
  "",
  "m/s/s",
  "arcmin",
  "deg/h",
  "A s",
  "mA",
  "kK",
  "GHz",
  "MW",
];

/** astropy base name → our dimension, and the size of our base in astropy's (a byte is 8 bit). */
const BASES: Readonly<Record<string, readonly [string, number]>> = {
  m: ["length", 1],
  kg: ["mass", 1],
  s: ["time", 1],
  A: ["current", 1],
  K: ["temperature", 1],
  mol: ["amount", 1],
  cd: ["luminous_intensity", 1],
  rad: ["angle", 1],
  bit: ["information", 8],
  electron: ["electron", 1],
  ct: ["count", 1],
  ph: ["photon", 1],
  adu: ["adu", 1],
  pix: ["pixel", 1],
};

const SCRIPT = `
import json, sys, warnings
warnings.simplefilter("ignore")
import astropy.units as u
out = []
for s in json.load(sys.stdin):
    try:
        d = u.Unit(s).decompose()
        out.append({"scale": float(d.scale), "bases": {b.to_string(): float(p) for b, p in zip(d.bases, d.powers)}})
    except Exception as e:
        out.append({"error": str(e)})
print(json.dumps(out))
`;

interface Decomposed {
  readonly scale?: number;
  readonly bases?: Record<string, number>;
  readonly error?: string;
}

/** Our dimensions and scale in astropy's terms. */
function theirs(d: Decomposed): { scale: number; dims: Record<string, number> } {
  let scale = d.scale ?? NaN;
  const dims: Record<string, number> = {};
  for (const [base, p] of Object.entries(d.bases ?? {})) {
    const ours = BASES[base];
    if (ours === undefined) throw new Error(`astropy base \`${base}\` has no counterpart`);
    dims[ours[0]] = p;
    scale /= ours[1] ** p;
  }
  return { scale, dims: Object.fromEntries(Object.entries(dims).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

function expectMatches(ours: Unit, astropy: Decomposed, what: string): void {
  expect(astropy.error, what).toBeUndefined();
  const t = theirs(astropy);
  expect(ours.dims, what).toEqual(t.dims);
  expect(Math.abs(ours.scale - t.scale) / t.scale, `${what}: ${ours.scale} vs ${t.scale}`).toBeLessThan(1e-12);
}

describe("units against astropy", () => {
  let python: string;
  let decompose: (strings: readonly string[]) => Decomposed[];
  beforeAll(() => {
    python = findPython(["astropy.units"], ["python3-astropy"]);
    decompose = (strings) => JSON.parse(runPython(python, SCRIPT, [], JSON.stringify(strings))) as Decomposed[];
  });

  it("gives astropy's dimensions and scale for strings both read", () => {
    const results = decompose(STRINGS);
    for (const [i, text] of STRINGS.entries()) expectMatches(unitOf(text), results[i]!, text);
  });

  it("writes canonical text that astropy reads as the same unit", () => {
    const texts = STRINGS.map((s) => formatUnit(unitOf(s))).map((t) => (t === "dimensionless" ? "" : t));
    const results = decompose(texts);
    for (const [i, text] of STRINGS.entries()) expectMatches(unitOf(text), results[i]!, `${text} → ${texts[i]}`);
  });
});
