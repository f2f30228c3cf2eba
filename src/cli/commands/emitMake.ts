import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../../diag/SourceMap.js";
import { emitMakefile } from "../../emit/emitMake.js";
import { makeTasks } from "../../emit/makeTasks.js";
import { RecordBuilder, writePlanFile } from "../../runtime/index.js";
import { writeFileAtomic } from "../../util/writeFileAtomic.js";
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
    if (r.plan === undefined || r.checked === undefined) return r.result;
    const checked = r.checked;
    const dir = path.resolve(io.cwd, flags.emitDir);
    const planDir = path.join(dir, "plan");
    const stampDir = path.join(dir, "stamps");
    writePlanFile(checked, r.plan, planDir);
    mkdirSync(stampDir, { recursive: true });
    const builder = new RecordBuilder(checked);
    const g = r.plan.graph;
    const make = makeTasks(g, (t) => builder.record(g, t));
    // A stage's stamp is rewritten only when what it holds changes, so make sees a param change.
    for (const s of make.stamps) {
      const stamp = path.join(stampDir, s.name);
      if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== s.content) writeFileAtomic(stamp, s.content, { fsync: false });
    }
    const mf = emitMakefile(make.tasks, {
      source: displayPath(path.resolve(io.cwd, file), io.cwd),
      out: r.plan.out,
      planDir,
      stampDir,
      node: process.execPath,
      dflow: dflowScript(),
    });
    // Not fsync'd: a Makefile lost in a power cut is emitted again.
    writeFileAtomic(path.join(dir, mf.path), mf.chunks, { fsync: false });
    io.stderr(
      `wrote ${displayPath(path.join(dir, mf.path), io.cwd)} (${g.taskCount} rules); run it with make -j -f ${displayPath(path.join(dir, mf.path), io.cwd)}\n`,
    );
    return r.result;
  },
);
