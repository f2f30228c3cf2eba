/** Named kinds of quantity, by their dimensions written as `describeDimensions` spells them. */
const NAMED: ReadonlyMap<string, string> = new Map([
  ["s", "a duration"],
  ["B", "a data size"],
  ["m", "a length"],
  ["kg", "a mass"],
  ["rad", "an angle"],
  ["rad2", "a solid angle"],
  ["s-1", "a frequency"],
  ["kg m2 s-2", "an energy"],
  ["kg m2 s-3", "a power"],
  ["kg s-3", "a flux"],
  ["kg m-1 s-3", "a spectral flux density per wavelength"],
  ["kg s-2", "a spectral flux density per frequency"],
  ["mag", "a magnitude"],
  ["K", "a temperature"],
]);

/** How each dimension is written in descriptions: its base unit. */
const BASE: Readonly<Record<string, string>> = {
  adu: "adu",
  amount: "mol",
  angle: "rad",
  count: "count",
  current: "A",
  electron: "electron",
  exposure: "exposure",
  fiber: "fiber",
  information: "B",
  length: "m",
  luminous_intensity: "cd",
  magnitude: "mag",
  mass: "kg",
  photon: "photon",
  pixel: "pix",
  row: "row",
  spectrum: "spectrum",
  target: "target",
  task: "task",
  temperature: "K",
  time: "s",
};

/** The countable dimensions, in the plural. */
const COUNTED: Readonly<Record<string, string>> = {
  adu: "ADUs",
  count: "counts",
  electron: "electrons",
  exposure: "exposures",
  fiber: "fibers",
  photon: "photons",
  pixel: "pixels",
  row: "table rows",
  spectrum: "spectra",
  target: "targets",
  task: "tasks",
};

/** SI order first (kg m s A K mol cd), then the rest alphabetically. */
const ORDER = ["mass", "length", "time", "current", "temperature", "amount", "luminous_intensity"];

/**
 * What kind of quantity a unit's dimensions measure, for messages: a name where there is a
 * common one (`a duration`, `a data size`, `a spectral flux density per wavelength`), otherwise
 * the dimensions in base units (`kg m-1 s-3 electron`), or `dimensionless`.
 */
export function describeDimensions(dims: Readonly<Record<string, number>>): string {
  const keys = Object.keys(dims).sort((a, b) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? ORDER.length : ia) - (ib < 0 ? ORDER.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  if (keys.length === 0) return "dimensionless";
  const text = keys
    .map((k) => {
      const p = dims[k] ?? 0;
      return (BASE[k] ?? k) + (p === 1 ? "" : Number.isInteger(p) ? String(p) : `^${p}`);
    })
    .join(" ");
  const named = NAMED.get(text);
  if (named !== undefined) return named;
  const counted = keys.length === 1 && dims[keys[0] ?? ""] === 1 ? COUNTED[keys[0] ?? ""] : undefined;
  return counted !== undefined ? `a number of ${counted}` : text;
}
