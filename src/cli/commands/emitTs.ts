import path from "node:path";
import { displayPath } from "../../diag/SourceMap.js";
import { emitTs } from "../../emit/emitTs.js";
import { stdlibRoot } from "../../kernels/index.js";
import { writeFileAtomic } from "../../util/writeFileAtomic.js";
import { defineCommand } from "../CliCommand.js";
import { plannedForEmit } from "../emitHelpers.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption } from "../report.js";

/** `dflow emit ts FILE --emit-dir DIR`: a standalone TypeScript driver over an emitted plan. */
export const emitTsCommand = defineCommand(
  (parent) =>
    planOptions(
      parent
        .command("ts")
        .description(
          "write a standalone TypeScript driver (built with ts-morph) that imports the kernels and runs an emitted plan; it type-checks with tsc --noEmit",
        )
        .argument("<file>", "the .dflow file")
        .requiredOption("--emit-dir <dir>", "where driver.ts goes"),
    ).addOption(formatOption()),
  async (io, file: string, flags: PlanFlags & { emitDir: string; format: string }) => {
    const r = await plannedForEmit(io, file, flags);
    if (r.plan === undefined || r.pipeline === undefined) return r.result;
    const dir = path.resolve(io.cwd, flags.emitDir);
    const root = stdlibRoot();
    const f = await emitTs(r.pipeline, r.plan, dir, displayPath(path.resolve(io.cwd, file), io.cwd), path.join(path.dirname(root ?? io.cwd), "src"));
    writeFileAtomic(path.join(dir, f.path), f.chunks, { fsync: false });
    io.stderr(`wrote ${displayPath(path.join(dir, f.path), io.cwd)}\n`);
    return r.result;
  },
);
