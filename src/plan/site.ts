import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { suggest } from "../util/suggest.js";
import { displayPath } from "../diag/SourceMap.js";

/**
 * A Slurm site profile (YAML). Limit keys use Slurm's own names (`MaxArraySize`,
 * `MaxSubmitJobs`, `MaxJobCount`); the rest describe the nodes and how jobs are submitted.
 */
export interface Site {
  readonly name: string;
  readonly partition?: string;
  readonly account?: string;
  readonly qos?: string;
  readonly constraint?: string;
  readonly coresPerNode: number;
  readonly memoryPerNode?: string;
  /** Multiplies every time estimate (a slower or faster machine than the estimates assume). */
  readonly timeFactor: number;
  readonly MaxArraySize: number;
  readonly MaxSubmitJobs?: number;
  readonly MaxJobCount?: number;
  /** Elements of one job array running at once (`--array=…%N`); default: the cores of a node. */
  readonly arrayThrottle?: number;
  /** The longest wall time a job may ask for, in seconds (the partition's MaxTime); YAML `max_time` in hours. */
  readonly maxTime?: number;
  /** The allocation in node-hours a plan must stay within, if the site sets one. */
  readonly nodeHours?: number;
  /** Shell lines every job runs first (module loads). */
  readonly setup: readonly string[];
}

const KEYS = [
  "name",
  "partition",
  "account",
  "qos",
  "constraint",
  "cores_per_node",
  "memory_per_node",
  "time_factor",
  "MaxArraySize",
  "MaxSubmitJobs",
  "MaxJobCount",
  "array_throttle",
  "node_hours",
  "max_time",
  "setup",
];

/** The keys whose values are text (a number or a boolean is taken as written). */
const TEXT_KEYS = ["name", "partition", "account", "qos", "constraint", "memory_per_node"];

/** A YAML scalar as text; `undefined` for a mapping, a list or null. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

/** Reads and validates a site profile; problems are DF5004 with the key and the file. */
export function loadSite(file: string): { site?: Site; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  file = displayPath(file, process.cwd());
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "it does not exist" : code === "EISDIR" ? "it is a directory" : (e as Error).message;
    return { diagnostics: [diag("DF5004", `Site profile \`${file}\` cannot be read: ${why}.`, undefined)] };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { diagnostics: [diag("DF5004", `Site profile \`${file}\` must be a YAML mapping.`, undefined)] };
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KEYS.includes(k))
      diagnostics.push(diag("DF5004", `Site profile \`${file}\` has an unknown key \`${k}\`.`, undefined, { suggestions: suggest(k, KEYS) }));
  }
  const num = (k: string, def?: number): number | undefined => {
    const v = o[k];
    if (v === undefined) return def;
    if (typeof v !== "number" || !(v > 0)) {
      diagnostics.push(diag("DF5004", `Site profile \`${file}\`: \`${k}\` must be a positive number, not ${JSON.stringify(v)}.`, undefined));
      return def;
    }
    return v;
  };
  for (const k of TEXT_KEYS) {
    const v = o[k];
    if (v !== undefined && scalarText(v) === undefined) {
      diagnostics.push(diag("DF5004", `Site profile \`${file}\`: \`${k}\` must be a string, not ${JSON.stringify(v)}.`, undefined));
    }
  }
  const str = (k: string): string | undefined => scalarText(o[k]);
  const rawSetup = o["setup"];
  const setupLines: readonly unknown[] = rawSetup === undefined ? [] : Array.isArray(rawSetup) ? (rawSetup as unknown[]) : [rawSetup];
  const setup: string[] = [];
  for (const line of setupLines) {
    const s = scalarText(line);
    if (s !== undefined) setup.push(s);
    else diagnostics.push(diag("DF5004", `Site profile \`${file}\`: each \`setup\` line must be a string, not ${JSON.stringify(line)}.`, undefined));
  }
  const site: Site = {
    name: str("name") ?? "site",
    ...(str("partition") !== undefined ? { partition: str("partition")! } : {}),
    ...(str("account") !== undefined ? { account: str("account")! } : {}),
    ...(str("qos") !== undefined ? { qos: str("qos")! } : {}),
    ...(str("constraint") !== undefined ? { constraint: str("constraint")! } : {}),
    coresPerNode: num("cores_per_node", 1)!,
    ...(str("memory_per_node") !== undefined ? { memoryPerNode: str("memory_per_node")! } : {}),
    timeFactor: num("time_factor", 1)!,
    MaxArraySize: num("MaxArraySize", 1001)!,
    ...(num("MaxSubmitJobs") !== undefined ? { MaxSubmitJobs: num("MaxSubmitJobs")! } : {}),
    ...(num("MaxJobCount") !== undefined ? { MaxJobCount: num("MaxJobCount")! } : {}),
    ...(num("array_throttle") !== undefined ? { arrayThrottle: num("array_throttle")! } : {}),
    ...(num("node_hours") !== undefined ? { nodeHours: num("node_hours")! } : {}),
    ...(num("max_time") !== undefined ? { maxTime: num("max_time")! * 3600 } : {}),
    setup,
  };
  return diagnostics.length > 0 ? { diagnostics } : { site, diagnostics };
}
