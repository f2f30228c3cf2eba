import { makeScale, type Scale } from "./Scale.js";

/** A unit prefix: how it is written, its canonical spelling, and its factor. */
export interface UnitPrefix {
  readonly text: string;
  /** `u` for the micro signs `µ` and `μ`, otherwise `text`. */
  readonly canonical: string;
  readonly scale: Scale;
}

function decimal(text: string, exponent: number, canonical = text): UnitPrefix {
  return { text, canonical, scale: makeScale(1n, 1n, exponent) };
}

function binary(text: string, power: number): UnitPrefix {
  return { text, canonical: text, scale: makeScale(2n ** BigInt(power)) };
}

/** The SI prefixes dflow accepts, from yocto to exa; `u`, `µ` (micro sign) and `μ` (Greek mu) are micro. */
export const SI_PREFIXES: readonly UnitPrefix[] = Object.freeze([
  decimal("y", -24),
  decimal("z", -21),
  decimal("a", -18),
  decimal("f", -15),
  decimal("p", -12),
  decimal("n", -9),
  decimal("u", -6),
  decimal("\u00b5", -6, "u"),
  decimal("\u03bc", -6, "u"),
  decimal("m", -3),
  decimal("c", -2),
  decimal("d", -1),
  decimal("da", 1),
  decimal("h", 2),
  decimal("k", 3),
  decimal("M", 6),
  decimal("G", 9),
  decimal("T", 12),
  decimal("P", 15),
  decimal("E", 18),
]);

/**
 * The prefixes of data sizes: decimal multiples from `k` to `E` (`4GB` is 4·10⁹ bytes) and
 * the binary ones from `Ki` to `Ei` (`4GiB` is 4·2³⁰ bytes). Fractions of a byte are not sizes.
 */
export const DATA_PREFIXES: readonly UnitPrefix[] = Object.freeze([
  decimal("k", 3),
  decimal("M", 6),
  decimal("G", 9),
  decimal("T", 12),
  decimal("P", 15),
  decimal("E", 18),
  binary("Ki", 10),
  binary("Mi", 20),
  binary("Gi", 30),
  binary("Ti", 40),
  binary("Pi", 50),
  binary("Ei", 60),
]);
