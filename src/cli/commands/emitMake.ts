import path from "node:path";
import { displayPath } from "../../diag/SourceMap.js";
import { writeMakeEmission } from "../../emit/emitMake.js";
import { defineCommand } from "../CliCommand.js";
import { plannedForEmit } from "../emitHelpers.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption } from "../report.js";
import { dflowScript } from "../self.js";

/** `dflow emit make FILE --emit-dir DIR`: a Makefile over an emitted plan, with per-stage fingerprint stamps. */
export const emitMakeCommand = defineCommand(
  (parent) =>
    planOptions(
      parent
        .command("make")
        .description("write a Makefile (one rule per task, fingerprint stamps, .DELETE_ON_ERROR) over an emitted plan; run it with make -j")
        .argument("<file>", "the .dflow file")
        .requiredOption("--emit-dir <dir>", "where the Makefile, the plan and the stamps go"),
    ).addOption(formatOption()),
  async (io, file: string, flags: PlanFlags & { emitDir: string; format: string }) => {
    const r = await plannedForEmit(io, file, flags);
    if (r.plan === undefined || r.pipeline === undefined) return r.result;
    const dir = path.resolve(io.cwd, flags.emitDir);
    const w = writeMakeEmission(r.pipeline, r.plan, dir, {
      source: displayPath(path.resolve(io.cwd, file), io.cwd),
      node: process.execPath,
      dflow: dflowScript(),
    });
    io.stderr(`wrote ${displayPath(w.makefile, io.cwd)} (${w.rules} rules); run it with make -j -f ${displayPath(w.makefile, io.cwd)}\n`);
    return r.result;
  },
);
