import { readFileSync } from "node:fs";
import path from "node:path";
import { diag } from "../../diag/codes.js";
import { typeCheckKernels, type KernelIndex } from "../../kernels/index.js";
import { requestedStages } from "../../check/index.js";
import { checkFile, defaultIndexLoader } from "../../compile.js";
import type { Diagnostic } from "../../diag/Diagnostic.js";
import { SourceMap } from "../../diag/SourceMap.js";
import { defineCommand } from "../CliCommand.js";
import { formatOption, report, summarize } from "../report.js";
import { parseSelectors, selectorProblemsWithoutPlan } from "../../drivers/selectors.js";
import { onlyOption } from "../onlyOption.js";

/** The type errors of a pipeline's kernel modules as DF3029, each with a frame in its TypeScript file. */
async function kernelTypeErrors(sources: SourceMap, index: KernelIndex): Promise<Diagnostic[]> {
  const { errors } = await typeCheckKernels(index);
  return errors.map((e) => {
    let text = "";
    try {
      text = readFileSync(e.loc.file, "utf8");
    } catch {
      // The frame then names the file alone.
    }
    const f = sources.add(e.loc.file, text);
    return diag("DF3029", `${e.message} (TS${e.code})`, { file: f.id, start: e.loc.start, end: e.loc.end }, { label: "type error" });
  });
}

interface CheckFlags {
  readonly format: string;
  readonly only?: string[];
  readonly allowRefactoring?: boolean;
}

/** `dflow check FILES`: syntax, names, types and kernel signatures; with `--only`, that the targets can be run. */
export const checkCommand = defineCommand(
  (parent) =>
    parent
      .command("check")
      .description("check .dflow files: syntax, names, types, kernel signatures and the kernel modules' TypeScript; print every problem")
      .argument("<files...>", ".dflow files to check")
      .addOption(formatOption())
      .addOption(onlyOption("check that these targets (STAGE or STAGE[grid=value,…]) can be run: no `refactoring` stage among them or upstream"))
      .option("--allow-refactoring", "accept `refactoring` stages among the requested targets")
      .addHelpText(
        "after",
        `
Examples:
  dflow check pipelines/*.dflow
  dflow check --format github pipelines/*.dflow     # annotations in a GitHub Actions log
  dflow check --format sarif pipelines/*.dflow > dflow.sarif`,
      ),
  async (io, files: string[], flags: CheckFlags) => {
    const sources = new SourceMap();
    const selectors = parseSelectors(sources, flags.only ?? []);
    const diagnostics: Diagnostic[] = [...selectors.diagnostics];
    for (const f of files) {
      const r = await checkFile(sources, path.resolve(io.cwd, f), { loadIndex: defaultIndexLoader });
      diagnostics.push(...r.diagnostics);
      const index = r.value?.checked?.index;
      if (index !== undefined) diagnostics.push(...(await kernelTypeErrors(sources, index)));
      const checked = r.value?.checked;
      if (checked !== undefined && flags.only !== undefined)
        diagnostics.push(...requestedStages(checked.scope, selectors.value, flags.allowRefactoring === true).diagnostics);
      // The same selectors as run --only: a grid the stage lacks shows without a plan.
      if (r.value?.bound !== undefined && flags.only !== undefined) diagnostics.push(...selectorProblemsWithoutPlan(r.value.bound, selectors.value));
    }
    const result = { sources, diagnostics };
    report(io, result, flags.format);
    summarize(io, result, files.length, flags.format);
    return result;
  },
);
