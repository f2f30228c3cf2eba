import type { Header } from "../datamodel/values.js";

/** The simulation settings an exposures table carries in its `meta`. */
export interface SimulationMeta {
  /** Seed of the hidden truth. */
  readonly simseed: number;
  /** Fibers per exposure. */
  readonly nfiber: number;
  /** Radius of the field, in degrees. */
  readonly radius: number;
}

function numberOf(meta: Header, key: string): number {
  const v = meta[key];
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new RangeError(`the exposures table's meta has no numeric ${key} (found ${String(v)})`);
  return n;
}

/** Reads SIMSEED, NFIBER and RADIUS from an exposures table's `meta`; throws a RangeError naming a missing or invalid key. */
export function simulationMeta(meta: Header): SimulationMeta {
  const simseed = numberOf(meta, "SIMSEED");
  const nfiber = numberOf(meta, "NFIBER");
  const radius = numberOf(meta, "RADIUS");
  if (!Number.isSafeInteger(simseed) || simseed < 0) throw new RangeError(`SIMSEED ${simseed} is not a non-negative integer`);
  if (!Number.isInteger(nfiber) || nfiber < 1) throw new RangeError(`NFIBER ${nfiber} is not a positive integer`);
  return { simseed, nfiber, radius };
}
