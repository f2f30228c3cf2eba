import { rmSync } from "node:fs";
import path from "node:path";
import { diag } from "../../diag/codes.js";
import { displayPath } from "../../diag/SourceMap.js";
import { outputDirProblems } from "../outputDirProblem.js";
import { DFLOW_VERSION } from "../../version.js";
import { defineCommand } from "../CliCommand.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption, report } from "../report.js";
import {
  alreadySubmitted,
  describe,
  layout,
  prepare,
  sessionResult,
  slurmSession,
  taskState,
  writeMeta,
  writeSubmission,
  type EmissionMeta,
  type SlurmSession,
} from "../slurmCommands.js";

/** The flags of `dflow emit slurm`. */
export interface EmitSlurmFlags extends PlanFlags {
  readonly site: string;
  readonly emitDir: string;
  readonly only?: string[];
  readonly allowRefactoring?: boolean;
  readonly format: string;
}

/** Plans and writes a first submission into `root`, not submitted; nothing when `root` was already submitted. */
async function emitFirstSubmission(s: SlurmSession, file: string, flags: EmitSlurmFlags): Promise<void> {
  const io = s.io;
  const root = path.resolve(io.cwd, flags.emitDir);
  const paths = outputDirProblems(flags, io.cwd);
  if (paths.length > 0) {
    s.diagnostics.push(...paths);
    return;
  }
  if (alreadySubmitted(root)) {
    s.diagnostics.push(
      diag("DF5007", `\`${displayPath(root, io.cwd)}\` holds a plan that was already submitted.`, undefined, {
        help: "follow it with `dflow status DIR` and `dflow resubmit DIR`, or emit into a new directory",
      }),
    );
    return;
  }
  const meta: EmissionMeta = {
    version: DFLOW_VERSION,
    source: path.resolve(io.cwd, file),
    site: path.resolve(io.cwd, flags.site),
    ...(flags.out !== undefined ? { out: path.resolve(io.cwd, flags.out) } : {}),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.set !== undefined ? { set: flags.set } : {}),
    ...(flags.only !== undefined ? { only: flags.only } : {}),
    ...(flags.allowRefactoring === true ? { allowRefactoring: true } : {}),
  };
  const p = await prepare(s, meta);
  if (p === undefined) return;
  const state = taskState(p);
  const submit = new Uint8Array(state.length);
  for (let t = 0; t < state.length; t++) submit[t] = state[t] !== 0 ? 1 : 0;
  // A new first submission: follow-ups of an earlier, never submitted emission go.
  rmSync(path.join(root, "next"), { recursive: true, force: true });
  const jobs = writeSubmission(s, p, root, root, layout(p, submit, new Map(), undefined));
  if (jobs === undefined) return;
  writeMeta(root, { ...meta, out: p.plan.out });
  const submitSh = displayPath(path.join(root, "submit.sh"), io.cwd);
  io.stderr(`wrote ${submitSh}: ${describe(jobs, p.site)}; submit with bash ${submitSh}\n`);
}

/** `dflow emit slurm FILE --site SITE --emit-dir DIR`: job arrays, submit.sh and a continuation job, written, not submitted. */
export const emitSlurmCommand = defineCommand(
  (parent) =>
    planOptions(
      parent
        .command("slurm")
        .description(
          "write Slurm job arrays (packed, split at MaxArraySize, with afterok/aftercorr/afterany dependencies), a submit.sh that records a ledger, and a continuation job for a data-dependent frontier",
        )
        .argument("<file>", "the .dflow file")
        .requiredOption("--site <site.yaml>", "the site profile: partition, account, limits (sites/local.yaml, sites/large.yaml)")
        .requiredOption("--emit-dir <dir>", "where submit.sh, the job scripts, their task lists, the plan and the logs go"),
    )
      .option("--only <selectors...>", "submit these targets and what they need (STAGE or STAGE[grid=value,…]; the selected stages whole)")
      .option("--allow-refactoring", "emit stages marked `refactoring`")
      .addOption(formatOption()),
  async (io, file: string, flags: EmitSlurmFlags) => {
    const s = slurmSession(io, flags.format);
    await emitFirstSubmission(s, file, flags);
    const r = sessionResult(s);
    report(io, r, flags.format);
    return r;
  },
);
