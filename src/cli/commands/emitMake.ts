import path from "node:path";
import { displayPath, SourceMap } from "../../diag/SourceMap.js";
import { makePathsRefused, writeMakeEmission } from "../../emit/emitMake.js";
import { shQuote } from "../../emit/shell.js";
import { defineCommand } from "../CliCommand.js";
import { plannedForEmit } from "../emitHelpers.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption, report } from "../report.js";
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
    // Paths make cannot express are refused before the output root is claimed (without --out it is out/<pipeline name>).
    const early = makePathsRefused({
      emitDir: path.resolve(io.cwd, flags.emitDir),
      out: path.resolve(io.cwd, flags.out ?? "out"),
      node: process.execPath,
      dflow: dflowScript(),
    });
    if (early.length > 0) {
      const result = { sources: new SourceMap(), diagnostics: early };
      report(io, result, flags.format);
      return result;
    }
    const r = await plannedForEmit(io, file, flags);
    if (r.plan === undefined || r.pipeline === undefined) return r.result;
    const dir = path.resolve(io.cwd, flags.emitDir);
    const w = writeMakeEmission(r.pipeline, r.plan, dir, {
      source: displayPath(path.resolve(io.cwd, file), io.cwd),
      node: process.execPath,
      dflow: dflowScript(),
    });
    if (w.value === undefined) {
      report(io, { sources: r.result.sources, diagnostics: w.diagnostics }, flags.format);
      return { ...r.result, diagnostics: [...r.result.diagnostics, ...w.diagnostics] };
    }
    io.stderr(
      `wrote ${displayPath(w.value.makefile, io.cwd)} (${w.value.rules} rules); run it with make -j -f ${shQuote(displayPath(w.value.makefile, io.cwd))}\n`,
    );
    return r.result;
  },
);
