import type { Diagnostic } from "../../diag/Diagnostic.js";
import { diag } from "../../diag/codes.js";
import type { Site } from "../../plan/index.js";
import { cpusOf, type SlurmJobs } from "./slurmJobs.js";
import { parseUnit, toBytes } from "../../units/index.js";

const fmt = (n: number): string => n.toLocaleString("en-US");

/** A duration for a message, to a precision that tells two limits apart: hours, else minutes, else seconds. */
function duration(seconds: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${(seconds / 60).toFixed(1)} min`;
  return `${Math.ceil(seconds)} s`;
}

/**
 * Checks a Slurm layout against the site before anything is written: array sizes against
 * MaxArraySize, array elements against MaxSubmitJobs (each element is a job the queue holds),
 * job records against MaxJobCount, node-hours against the site's `node_hours` allocation.
 * Each excess is a DF5006 error with the numbers.
 */
export function checkSlurmBudget(jobs: SlurmJobs, site: Site): Diagnostic[] {
  const out: Diagnostic[] = [];
  const over = (what: string, found: number, limit: number, key: string, help: string): void => {
    out.push(diag("DF5006", `The plan needs ${fmt(found)} ${what}, over the site \`${site.name}\`'s ${key} of ${fmt(limit)}.`, undefined, { help }));
  };
  const biggest = jobs.arrays.reduce((m, a) => Math.max(m, a.elementStart.length - 1), 0);
  if (biggest > site.MaxArraySize)
    over("elements in one job array", biggest, site.MaxArraySize, "MaxArraySize", "this is a bug in dflow's array splitting; please report it");
  const records = jobs.arrays.length + (jobs.continuationAfter !== undefined ? 1 : 0);
  const queued = jobs.elements + (jobs.continuationAfter !== undefined ? 1 : 0);
  if (site.MaxSubmitJobs !== undefined && queued > site.MaxSubmitJobs)
    over(
      "queued jobs (array elements)",
      queued,
      site.MaxSubmitJobs,
      "MaxSubmitJobs",
      "give the largest stages a `pack N` (tasks per job) or `pack DURATION`, or raise the site's max_time so the cost model can pack more",
    );
  if (site.MaxJobCount !== undefined && records > site.MaxJobCount)
    over("job records (arrays)", records, site.MaxJobCount, "MaxJobCount", "pack more tasks per element (`pack N`)");
  if (site.nodeHours !== undefined && jobs.nodeHours > site.nodeHours)
    over(
      "node-hours",
      Math.ceil(jobs.nodeHours),
      site.nodeHours,
      "node_hours allocation",
      "shorten the stages' `time` estimates, or ask for a larger allocation",
    );
  // What one element asks for must fit a node and the partition's time limit.
  const nodeMemory = memoryBytes(site.memoryPerNode);
  const seen = new Set<string>();
  for (const a of jobs.arrays) {
    if (seen.has(a.stage)) continue;
    const cpus = cpusOf(a.resources);
    if (cpus > site.coresPerNode) {
      seen.add(a.stage);
      out.push(
        diag(
          "DF5006",
          `Stage \`${a.stage}\` asks for ${cpus} cores per job, more than a node of site \`${site.name}\` has (cores_per_node ${site.coresPerNode}).`,
          undefined,
          { help: "lower the stage's `cores`, `threads` or `ranks`" },
        ),
      );
    } else if (a.resources.memory !== undefined && nodeMemory !== undefined && a.resources.memory > nodeMemory) {
      seen.add(a.stage);
      out.push(
        diag(
          "DF5006",
          `Stage \`${a.stage}\` asks for ${(a.resources.memory / 1e9).toFixed(1)} GB per job, more than a node of site \`${site.name}\` has (memory_per_node ${site.memoryPerNode}).`,
          undefined,
          { help: "lower the stage's `memory`" },
        ),
      );
    } else if (site.maxTime !== undefined && a.seconds > site.maxTime) {
      seen.add(a.stage);
      out.push(
        diag(
          "DF5006",
          `Stage \`${a.stage}\` needs jobs of ${duration(a.seconds)}, over site \`${site.name}\`'s max_time of ${duration(site.maxTime)}.`,
          undefined,
          { help: "lower the stage's `pack`, or shorten its `time` estimate" },
        ),
      );
    }
  }
  return out;
}

function memoryBytes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*([0-9.]+)\s*([A-Za-z]+)\s*$/.exec(text);
  if (m === null) return undefined;
  const u = parseUnit(m[2]!);
  const b = u.ok ? toBytes(Number(m[1]), u.unit) : undefined;
  return b?.ok === true ? b.value : undefined;
}
