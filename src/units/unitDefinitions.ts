import { makeScale, type Scale } from "./Scale.js";

/**
 * The dimensions units are made of. The seven SI base dimensions; plane angle (radian, as in
 * astropy; solid angle is angle²); information (byte); magnitude (logarithmic, so only ever
 * compared with itself); and the countable things of detectors and cost models, each its own
 * dimension so that `electron/Angstrom` is never silently taken for `count/Angstrom`.
 */
export type DimensionName =
  | "adu"
  | "amount"
  | "angle"
  | "count"
  | "current"
  | "electron"
  | "exposure"
  | "fiber"
  | "information"
  | "length"
  | "luminous_intensity"
  | "magnitude"
  | "mass"
  | "photon"
  | "pixel"
  | "row"
  | "spectrum"
  | "target"
  | "task"
  | "temperature"
  | "time";

/** Which prefixes a unit takes: none, the SI ones (`km`, `ms`, `mJy`), or those of data sizes (`GB`, `GiB`). */
export type PrefixSet = "none" | "si" | "data";

/** One unit of the vocabulary. */
export interface UnitDefinition {
  /** Accepted spellings; the first is canonical. */
  readonly names: readonly string[];
  /** The spellings that take prefixes (`byte` as in astropy's `Gbyte`); prefixed forms use the canonical name. */
  readonly prefixable: readonly string[];
  readonly prefixes: PrefixSet;
  /** Size in the base of each dimension: m, kg, s, A, K, mol, cd, rad, byte, and one of each countable thing. */
  readonly scale: Scale;
  readonly dims: Readonly<Partial<Record<DimensionName, number>>>;
  /** What it is, for `dflow` documentation and hovers. */
  readonly description: string;
}

type Dims = Readonly<Partial<Record<DimensionName, number>>>;

function unit(
  names: readonly string[],
  prefixes: PrefixSet,
  dims: Dims,
  scale: Scale,
  description: string,
  prefixable: readonly string[] = prefixes === "none" ? [] : [names[0] ?? ""],
): UnitDefinition {
  return Object.freeze({
    names: Object.freeze([...names]),
    prefixable: Object.freeze([...prefixable]),
    prefixes,
    scale,
    dims: Object.freeze({ ...dims }),
    description,
  });
}

const ONE = makeScale(1n);
const ENERGY: Dims = { mass: 1, length: 2, time: -2 };
const SPECTRAL_FLUX_DENSITY: Dims = { mass: 1, time: -2 };

/**
 * Every unit dflow knows (sources: docs/sources.md#units). The scales follow astropy (`yr` is the Julian year, `h` the hour,
 * `d` the day, `A` the ampere). `nanomaggy` is a linear flux density, 10⁻⁹ maggy = 3.631 µJy
 * (the AB zero point of 3631 Jy), so it converts to `Jy`; `mag` is logarithmic and kept as its own
 * dimension. `electron`, `count`/`ct`, `photon` and `adu` are distinct, as in astropy.
 */
export const UNIT_DEFINITIONS: readonly UnitDefinition[] = Object.freeze([
  // SI base units (the kilogram as the prefixed gram).
  unit(["m", "meter", "metre"], "si", { length: 1 }, ONE, "metre"),
  unit(["g", "gram"], "si", { mass: 1 }, makeScale(1n, 1n, -3), "gram"),
  unit(["s", "second"], "si", { time: 1 }, ONE, "second"),
  unit(["A", "ampere"], "si", { current: 1 }, ONE, "ampere"),
  unit(["K", "kelvin"], "si", { temperature: 1 }, ONE, "kelvin"),
  unit(["mol"], "si", { amount: 1 }, ONE, "mole"),
  unit(["cd", "candela"], "si", { luminous_intensity: 1 }, ONE, "candela"),
  unit(["rad", "radian"], "si", { angle: 1 }, ONE, "radian"),
  unit(["sr", "steradian"], "none", { angle: 2 }, ONE, "steradian (rad²)"),
  // Derived and astronomical units.
  unit(["Angstrom", "AA", "angstrom", "\u00c5", "\u212b"], "none", { length: 1 }, makeScale(1n, 1n, -10), "ångström (0.1 nm)"),
  unit(["erg"], "si", ENERGY, makeScale(1n, 1n, -7), "erg (10⁻⁷ J)"),
  unit(["J", "joule"], "si", ENERGY, ONE, "joule"),
  unit(["W", "watt"], "si", { mass: 1, length: 2, time: -3 }, ONE, "watt"),
  unit(["Hz", "hertz"], "si", { time: -1 }, ONE, "hertz"),
  unit(["Jy", "jansky"], "si", SPECTRAL_FLUX_DENSITY, makeScale(1n, 1n, -26), "jansky (10⁻²⁶ W m⁻² Hz⁻¹)"),
  unit(["nanomaggy", "nanomaggies", "nmgy"], "none", SPECTRAL_FLUX_DENSITY, makeScale(3631n, 1n, -35), "nanomaggy (10⁻⁹ maggy = 3.631 µJy, AB magnitude 22.5)"),
  unit(["mag"], "si", { magnitude: 1 }, ONE, "magnitude (logarithmic; converts only to scaled magnitudes such as mmag)"),
  unit(["deg", "degree"], "none", { angle: 1 }, makeScale(1n, 180n, 0, 1), "degree (π/180 rad)"),
  unit(["arcmin", "arcminute"], "none", { angle: 1 }, makeScale(1n, 10800n, 0, 1), "arcminute"),
  unit(["arcsec", "arcsecond"], "none", { angle: 1 }, makeScale(1n, 648000n, 0, 1), "arcsecond"),
  unit(["mas"], "none", { angle: 1 }, makeScale(1n, 648000000n, 0, 1), "milliarcsecond"),
  unit(["pix", "pixel", "pixels"], "none", { pixel: 1 }, ONE, "pixel"),
  unit(["electron", "electrons"], "none", { electron: 1 }, ONE, "electron (its own dimension, not a count)"),
  unit(["count", "ct", "counts"], "none", { count: 1 }, ONE, "count"),
  unit(["photon", "ph", "photons"], "none", { photon: 1 }, ONE, "photon"),
  unit(["adu"], "none", { adu: 1 }, ONE, "analog-to-digital unit"),
  // Time.
  unit(["min", "minute"], "none", { time: 1 }, makeScale(60n), "minute"),
  unit(["h", "hr", "hour"], "none", { time: 1 }, makeScale(3600n), "hour"),
  unit(["d", "day"], "none", { time: 1 }, makeScale(86400n), "day (86400 s)"),
  unit(["yr", "year"], "si", { time: 1 }, makeScale(31557600n), "Julian year (365.25 d)"),
  // Data sizes.
  unit(["B", "byte", "bytes"], "data", { information: 1 }, ONE, "byte", ["B", "byte"]),
  // Countable things of cost models (`time 10min per 250 spectra`).
  unit(["spectrum", "spectra"], "none", { spectrum: 1 }, ONE, "spectrum"),
  unit(["target", "targets"], "none", { target: 1 }, ONE, "target"),
  unit(["exposure", "exposures"], "none", { exposure: 1 }, ONE, "exposure"),
  unit(["fiber", "fibers"], "none", { fiber: 1 }, ONE, "fiber"),
  unit(["task", "tasks"], "none", { task: 1 }, ONE, "task"),
  unit(["row", "rows"], "none", { row: 1 }, ONE, "table row"),
]);
