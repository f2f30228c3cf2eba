import path from "node:path";
import { Option } from "commander";
import { diffPipelines, renderDiff, resolveVersions, VersionError, type DiffFormat } from "../../diff/index.js";
import { diag } from "../../diag/codes.js";
import type { Diagnostic } from "../../diag/Diagnostic.js";
import { SourceMap } from "../../diag/SourceMap.js";
import { loadSite, type Site } from "../../plan/index.js";
import { defineCommand } from "../CliCommand.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { report, useColor } from "../report.js";

interface DiffFlags extends PlanFlags {
  readonly format: DiffFormat;
  readonly site?: string;
}

/** `dflow diff BASE HEAD [FILE]`: two versions of a pipeline compared; exits 1 only on breaking changes. */
export const diffCommand = defineCommand(
  (parent) =>
    planOptions(
      parent
        .command("diff")
        .description("compare two versions of a pipeline (files or git revisions): breaking, dangerous and safe changes, stale partitions and their cost")
        .argument("<base>", "the base: a .dflow file, a git revision (main, HEAD~1) or REV:path")
        .argument("<head>", "the head: a .dflow file, a git revision or REV:path")
        .argument("[file]", "the .dflow file's path when both sides are bare revisions"),
    )
      .option("--site <file>", "a Slurm site profile (YAML): times scaled by its time factor, jobs split into arrays")
      .addOption(
        new Option("--format <format>", "text, json, github (annotations) or markdown (a pull-request comment), on stdout")
          .choices(["text", "json", "github", "markdown"])
          .default("text"),
      )
      .addHelpText(
        "after",
        `
Both sides are planned with the same data under --out (its data-dependent grids, its orphans). A revision's
.dflow, kernels and data model are read from git. Exit codes: 0 no breaking change (dangerous and safe
changes do not fail), 1 breaking changes, 2 wrong usage or a side that does not check or plan, 3 an internal
error. docs/ci.md shows a GitHub Actions workflow.

Examples:
  dflow diff main pipelines/twopct.dflow --profile twopct --out out/twopct
  dflow diff HEAD~1 HEAD pipelines/twopct.dflow --format markdown
  dflow diff main:pipelines/twopct.dflow pipelines/twopct.dflow --format github`,
      ),
  async (io, base: string, head: string, file: string | undefined, flags: DiffFlags) => {
    const problems: Diagnostic[] = [];
    let site: Site | undefined;
    if (flags.site !== undefined) {
      const s = loadSite(path.resolve(io.cwd, flags.site));
      problems.push(...s.diagnostics);
      site = s.site;
    }
    let versions;
    try {
      versions = resolveVersions(base, head, file, io.cwd, io.env);
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      const d = diag("DF5001", `dflow diff: ${e.message}.`, undefined);
      report(io, { sources: new SourceMap(), diagnostics: [d] }, "text");
      return { sources: new SourceMap(), diagnostics: [d], usageError: true };
    }
    const out = path.resolve(io.cwd, flags.out ?? path.join("out", path.basename(versions.head.file, ".dflow")));
    const r = await diffPipelines(versions, {
      out,
      ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
      ...(flags.set !== undefined ? { set: flags.set } : {}),
      ...(site !== undefined ? { site } : {}),
    });
    problems.push(...r.problems);
    const unreadable = problems.some((d) => d.severity === "error");
    report(io, { sources: r.sources, diagnostics: problems }, flags.format, { dataOnStdout: true });
    if (!unreadable) io.stdout(renderDiff(r, flags.format, { sources: r.sources, cwd: io.cwd, color: flags.format === "text" && useColor(io) }));
    return { sources: r.sources, diagnostics: [...problems, ...r.changes], ...(unreadable ? { usageError: true } : {}) };
  },
);
