import type { Command } from "commander";
import type { BoundPipeline } from "../bound/index.js";
import { renderPlanList, renderPlanSummary, staleTasks, type Plan, type Site } from "../plan/index.js";
import { refineByFingerprint } from "../runtime/index.js";
import type { CliIo } from "./io.js";

/** Options shared by every command that plans: output root, profile, `--set`. */
export type { PlanFlags } from "../compile.js";

/** Adds the options every planning command shares: `--out`, `--profile`, `--set`. */
export function planOptions(cmd: Command): Command {
  return cmd
    .option("--out <dir>", "output root: products are written, and sources read, under it (default: ./out/<pipeline name>)")
    .option("--profile <name>", "a profile of the file (default: the one marked `default`)")
    .option("--set <assignments...>", "set params: --set seed=7 nside=32");
}

/**
 * Writes the plan to stdout, streamed: the per-stage table, or one line per task (`--list`), as
 * text or JSON. Task states come from the outputs on disk, refined by fingerprints when the
 * root has run state.
 */
export async function writePlan(
  plan: Plan,
  opts: { list?: boolean; format: "text" | "json"; site?: Site; pipeline?: BoundPipeline },
  io: CliIo,
): Promise<void> {
  const state = staleTasks(plan.graph, plan.out);
  if (opts.pipeline !== undefined) refineByFingerprint(plan, opts.pipeline, state);
  if (opts.list !== true) {
    io.stdout(renderPlanSummary(plan, state, opts.format, opts.site));
    return;
  }
  const write = io.stdoutAsync ?? (async (t: string) => io.stdout(t));
  for (const chunk of renderPlanList(plan, state, opts.format)) await write(chunk);
}
