import path from "node:path";
import { displayPath } from "../../diag/SourceMap.js";
import { makePathsRefused, writeMakeEmission } from "../../emit/emitMake.js";
import { shQuote } from "../../emit/shell.js";
import { defineEmitCommand } from "../emitHelpers.js";
import { dflowScript } from "../self.js";

/** `dflow emit make FILE --emit-dir DIR`: a Makefile over an emitted plan, with per-stage fingerprint stamps. */
export const emitMakeCommand = defineEmitCommand(
  "make",
  "write a Makefile (one rule per task, fingerprint stamps, .DELETE_ON_ERROR) over an emitted plan; run it with make -j",
  "where the Makefile, the plan and the stamps go",
  (io, e) => {
    const w = writeMakeEmission(e.pipeline, e.plan, e.dir, {
      source: displayPath(e.source, io.cwd),
      node: process.execPath,
      dflow: dflowScript(),
      ...(e.selected !== undefined ? { selected: e.selected } : {}),
    });
    if (w.value === undefined) return w.diagnostics;
    io.stderr(
      `wrote ${displayPath(w.value.makefile, io.cwd)} (${w.value.rules} rules); run it with make -j -f ${shQuote(displayPath(w.value.makefile, io.cwd))}\n`,
    );
  },
  // Paths make cannot express are refused before the output root is claimed (without --out it is out/<pipeline name>).
  (io, flags) =>
    makePathsRefused({
      emitDir: path.resolve(io.cwd, flags.emitDir),
      out: path.resolve(io.cwd, flags.out ?? "out"),
      node: process.execPath,
      dflow: dflowScript(),
    }),
  "make these targets and what they need by default (STAGE or STAGE[grid=value,…]); every rule is still written",
);
