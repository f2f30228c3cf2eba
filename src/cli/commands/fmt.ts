import { statSync } from "node:fs";
import path from "node:path";
import { compileFile } from "../../compile.js";
import type { Diagnostic } from "../../diag/Diagnostic.js";
import { SourceMap } from "../../diag/SourceMap.js";
import { printProgram } from "../../syntax/index.js";
import { writeFileAtomic } from "../../util/writeFileAtomic.js";
import { defineCommand } from "../CliCommand.js";
import type { CliIo } from "../io.js";
import { formatOption, report } from "../report.js";

interface FmtFlags {
  readonly check?: boolean;
  readonly format: string;
}

/** Parses each file and lists those whose canonical text differs from theirs, with that text. */
function formatFiles(
  io: CliIo,
  sources: SourceMap,
  files: readonly string[],
): { diagnostics: Diagnostic[]; changes: { file: string; abs: string; text: string }[] } {
  const diagnostics: Diagnostic[] = [];
  const changes: { file: string; abs: string; text: string }[] = [];
  for (const f of files) {
    const abs = path.resolve(io.cwd, f);
    const r = compileFile(sources, abs);
    diagnostics.push(...r.diagnostics);
    if (r.value === undefined || r.diagnostics.some((d) => d.severity === "error")) continue;
    const text = r.value.file.text;
    const out = printProgram(r.value.parsed, text);
    if (out !== text) changes.push({ file: f, abs, text: out });
  }
  return { diagnostics, changes };
}

/** `dflow fmt FILES`: prints files in canonical form, in place; `--check` changes nothing and fails on unformatted files. */
export const fmtCommand = defineCommand(
  (parent) =>
    parent
      .command("fmt")
      .description("print .dflow files in canonical form, in place (comments and blank-line groups kept)")
      .argument("<files...>", ".dflow files to format")
      .option("--check", "change nothing; exit 1 when a file is not formatted")
      .addOption(formatOption()),
  (io, files: string[], flags: FmtFlags) => {
    const sources = new SourceMap();
    const { diagnostics, changes } = formatFiles(io, sources, files);
    for (const c of changes) {
      if (flags.check === true) {
        io.stderr(`not formatted: ${c.file}\n`);
        continue;
      }
      writeFileAtomic(c.abs, c.text, { mode: statSync(c.abs).mode & 0o7777 });
      io.stderr(`formatted ${c.file}\n`);
    }
    const result = { sources, diagnostics, failed: flags.check === true && changes.length > 0 };
    report(io, result, flags.format);
    const n = changes.length;
    if (flags.check === true && n > 0)
      io.stderr(`${n} of ${files.length} file${files.length === 1 ? " is" : "s are"} not formatted; run \`dflow fmt\` on ${n === 1 ? "it" : "them"}\n`);
    else if (flags.check !== true && n === 0 && diagnostics.length === 0) io.stderr(`${files.length} file${files.length === 1 ? "" : "s"} already formatted\n`);
    return result;
  },
);
