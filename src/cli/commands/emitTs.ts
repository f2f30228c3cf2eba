import path from "node:path";
import { displayPath } from "../../diag/SourceMap.js";
import { emitTs } from "../../emit/emitTs.js";
import { stdlibRoot } from "../../kernels/index.js";
import { writeFileAtomic } from "../../util/writeFileAtomic.js";
import { defineEmitCommand, writeOnlyTasks } from "../emitHelpers.js";

/** `dflow emit ts FILE --emit-dir DIR`: a standalone TypeScript driver over an emitted plan. */
export const emitTsCommand = defineEmitCommand(
  "ts",
  "write a standalone TypeScript driver (built with ts-morph) that imports the kernels and runs an emitted plan; it type-checks with tsc --noEmit",
  "where driver.ts goes",
  async (io, e) => {
    const root = stdlibRoot();
    const f = await emitTs(e.pipeline, e.plan, e.dir, displayPath(e.source, io.cwd), path.join(path.dirname(root ?? io.cwd), "src"));
    writeFileAtomic(path.join(e.dir, f.path), f.chunks, { fsync: false });
    io.stderr(`wrote ${displayPath(path.join(e.dir, f.path), io.cwd)}${writeOnlyTasks(io, e)}\n`);
  },
  undefined,
  "list these targets and what they need in only.tasks (STAGE or STAGE[grid=value,…]), the ids to give the driver in that order; it still adapts every stage",
);
