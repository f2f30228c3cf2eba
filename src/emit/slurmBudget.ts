import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { Site } from "../plan/index.js";
import type { SlurmJobs } from "./slurmJobs.js";

const fmt = (n: number): string => n.toLocaleString("en-US");

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
  if (biggest > site.MaxArraySize) over("elements in one job array", biggest, site.MaxArraySize, "MaxArraySize", "this is a bug in dflow's array splitting; please report it");
  const records = jobs.arrays.length + (jobs.continuationAfter !== undefined ? 1 : 0);
  const queued = jobs.elements + (jobs.continuationAfter !== undefined ? 1 : 0);
  if (site.MaxSubmitJobs !== undefined && queued > site.MaxSubmitJobs) over("queued jobs (array elements)", queued, site.MaxSubmitJobs, "MaxSubmitJobs", "give the largest stages a `pack N` (tasks per job) or `pack DURATION`, or emit part of the plan with `--only`");
  if (site.MaxJobCount !== undefined && records > site.MaxJobCount) over("job records (arrays)", records, site.MaxJobCount, "MaxJobCount", "pack more tasks per element, or emit part of the plan with `--only`");
  if (site.nodeHours !== undefined && jobs.nodeHours > site.nodeHours) over("node-hours", Math.ceil(jobs.nodeHours), site.nodeHours, "node_hours allocation", "shorten the stages' `time`, or emit part of the plan");
  return out;
}
