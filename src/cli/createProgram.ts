import { Command, CommanderError, Option } from "commander";
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkFile, compileFile } from "../compile.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { countBySeverity } from "../diag/Diagnostic.js";
import { allCodes, diag, lookupCode } from "../diag/codes.js";
import { suggest as suggestNames } from "../util/suggest.js";
import { renderDiagnostics, type DiagnosticFormat } from "../diag/render.js";
import { displayPath, SourceMap } from "../diag/SourceMap.js";
import { parseSelector, printProgram, type Selector } from "../syntax/index.js";
import { requestedStages } from "../check/index.js";
import { defaultIndexLoader } from "../compile.js";
import { loadKernelIndex, resolveModules } from "../kernels/index.js";
import { renderDataModel } from "./renderDataModel.js";
import { executeTask, inputHash, logFileOf, readPlanMeta, readTaskRecord, RecordBuilder, runPipeline, writePlanFile, type TaskRecord } from "../runtime/index.js";
import { loadExport, stdlibRoot } from "../kernels/index.js";
import { emitTs } from "../emit/emitTs.js";
import { emitMakefile, stampContent, stampName, type MakeTask } from "../emit/emitMake.js";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { loadPlan, writePlan, type PlanFlags } from "./planCommand.js";
import { continueCommand, emitSlurmCommand, resubmitCommand, statusCommand } from "./slurmCommands.js";
import { loadSite, renderStageGraph, renderTable, renderTaskGraph, selectTasks, stageOrder, taskId, type Plan } from "../plan/index.js";
import { buildStageGraph, type CheckedProgram } from "../check/index.js";
import { DFLOW_VERSION } from "../version.js";
import { exitCode } from "./exitCode.js";
import type { CliIo } from "./io.js";

/** A built CLI: `run(argv)` parses the arguments (without `node` and the script) and returns the exit code. */
export interface Cli {
  readonly program: Command;
  run(argv: readonly string[]): Promise<number>;
}

const FORMATS: readonly DiagnosticFormat[] = ["text", "short", "json", "github"];

/** Builds the commander program over `io`; `main.ts` is the only caller of `process.exit`. */
export function createProgram(io: CliIo): Cli {
  let code = 0;
  const program = new Command("dflow");
  program
    .description("dflow: a declarative dataflow language and compiler for spectroscopic survey pipelines")
    .version(DFLOW_VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run `dflow help` for the list of commands)");

  const formatOption = (): Option =>
    new Option("--format <format>", "how diagnostics are printed").choices(FORMATS as string[]).default("text");
  const color = (): boolean => io.isTTY && io.env["NO_COLOR"] === undefined && io.env["CI"] === undefined;
  const report = (sources: SourceMap, diags: readonly Diagnostic[], format: DiagnosticFormat): void => {
    if (diags.length > 0 || format === "json") io.stdout(renderDiagnostics(diags, format, { sources, cwd: io.cwd, color: color() }));
  };
  const summary = (diags: readonly Diagnostic[], files: number, format: DiagnosticFormat): void => {
    if (format !== "text" && format !== "short") return;
    const n = countBySeverity(diags);
    const parts: string[] = [];
    if (n.error > 0) parts.push(`${n.error} error${n.error === 1 ? "" : "s"}`);
    if (n.warning > 0) parts.push(`${n.warning} warning${n.warning === 1 ? "" : "s"}`);
    io.stderr(`${parts.length > 0 ? parts.join(", ") : "no problems"} in ${files} file${files === 1 ? "" : "s"}\n`);
  };

  program
    .command("check")
    .description("check .dflow files: syntax, names, types and kernel signatures; print every problem")
    .argument("<files...>", ".dflow files to check")
    .addOption(formatOption())
    .option("--only <selectors...>", "check that these targets (STAGE or STAGE[grid=value,…]) can be run: no `refactoring` stage among them or upstream")
    .option("--allow-refactoring", "accept `refactoring` stages among the requested targets")
    .action(async (files: string[], opts: { format: DiagnosticFormat; only?: string[]; allowRefactoring?: boolean }) => {
      const sources = new SourceMap();
      const diags: Diagnostic[] = [];
      const selectors: Selector[] = [];
      for (const text of opts.only ?? []) {
        const r = parseSelector(sources.add("--only", text));
        diags.push(...r.diagnostics);
        if (r.value !== undefined) selectors.push(r.value);
      }
      for (const f of files) {
        const r = await checkFile(sources, path.resolve(io.cwd, f), { loadIndex: defaultIndexLoader });
        diags.push(...r.diagnostics);
        const checked = r.value?.checked;
        if (checked !== undefined && opts.only !== undefined) diags.push(...requestedStages(checked.scope, selectors, opts.allowRefactoring === true).diagnostics);
      }
      report(sources, diags, opts.format);
      summary(diags, files.length, opts.format);
      code = exitCode({ diagnostics: diags });
    });

  program
    .command("fmt")
    .description("print .dflow files in canonical form, in place (comments and blank-line groups kept)")
    .argument("<files...>", ".dflow files to format")
    .option("--check", "change nothing; exit 1 when a file is not formatted")
    .addOption(formatOption())
    .action((files: string[], opts: { check?: boolean; format: DiagnosticFormat }) => {
      const sources = new SourceMap();
      const diags: Diagnostic[] = [];
      let unformatted = 0;
      let changed = 0;
      for (const f of files) {
        const abs = path.resolve(io.cwd, f);
        const r = compileFile(sources, abs);
        diags.push(...r.diagnostics);
        if (r.value === undefined || r.diagnostics.some((d) => d.severity === "error")) continue;
        const text = r.value.file.text;
        const out = printProgram(r.value.parsed, text);
        if (out === text) continue;
        if (opts.check === true) {
          unformatted++;
          io.stderr(`not formatted: ${f}\n`);
        } else {
          const tmp = `${abs}.dflow-fmt-${process.pid}`;
          writeFileSync(tmp, out);
          renameSync(tmp, abs);
          changed++;
          io.stderr(`formatted ${f}\n`);
        }
      }
      report(sources, diags, opts.format);
      if (opts.check === true && unformatted > 0) io.stderr(`${unformatted} of ${files.length} file${files.length === 1 ? " is" : "s are"} not formatted; run \`dflow fmt\` on ${unformatted === 1 ? "it" : "them"}\n`);
      else if (opts.check !== true && changed === 0 && diags.length === 0) io.stderr(`${files.length} file${files.length === 1 ? "" : "s"} already formatted\n`);
      code = exitCode({ diagnostics: diags, failed: unformatted > 0 });
    });

  program
    .command("plan")
    .description("plan a pipeline: tasks per stage, what would run (like `make -n`), jobs and core-hours; --list streams one line per task")
    .argument("<file>", "the .dflow file")
    .option("--out <dir>", "output root: products are written, and sources read, under it", "./out")
    .option("--profile <name>", "a profile of the file (default: the one marked `default`)")
    .option("--set <assignments...>", "set params: --set seed=7 nside=32")
    .option("--list", "one line per task instead of the per-stage table")
    .option("--site <file>", "a Slurm site profile (YAML): time factor, array sizes")
    .addOption(new Option("--format <format>", "text, or json (JSON Lines with --list)").choices(["text", "json"]).default("text"))
    .action(async (file: string, opts: { out: string; profile?: string; set?: string[]; list?: boolean; site?: string; format: "text" | "json" }) => {
      const sources = new SourceMap();
      const site = opts.site !== undefined ? loadSite(path.resolve(io.cwd, opts.site)) : undefined;
      const r = await loadPlan(sources, file, opts, io);
      r.diagnostics.push(...(site?.diagnostics ?? []));
      if (r.diagnostics.length > 0) io.stderr(renderDiagnostics(r.diagnostics, "text", { sources, cwd: io.cwd, color: color() }));
      code = exitCode({ diagnostics: r.diagnostics });
      if (r.plan === undefined) return;
      if (code !== 0) return;
      await writePlan(r.plan, { ...(opts.list !== undefined ? { list: opts.list } : {}), ...(site?.site !== undefined ? { site: site.site } : {}), ...(r.checked !== undefined ? { checked: r.checked } : {}), format: opts.format }, io);
    });

  const planOptions = (cmd: Command): Command =>
    cmd
      .option("--out <dir>", "output root: products are written, and sources read, under it", "./out")
      .option("--profile <name>", "a profile of the file (default: the one marked `default`)")
      .option("--set <assignments...>", "set params: --set seed=7 nside=32");

  planOptions(
    program
      .command("table")
      .description("print the pipeline as the seed's markdown sheet: Script, Inputs, Outputs, NJobs (from the grids), Time, Status")
      .argument("<file>", "the .dflow file"),
  ).action(async (file: string, opts: { out: string; profile?: string; set?: string[] }) => {
    const sources = new SourceMap();
    const r = await loadPlan(sources, file, opts, io);
    if (r.diagnostics.length > 0) io.stderr(renderDiagnostics(r.diagnostics, "text", { sources, cwd: io.cwd, color: color() }));
    code = exitCode({ diagnostics: r.diagnostics });
    if (r.plan !== undefined) io.stdout(renderTable(r.plan.graph));
  });

  planOptions(
    program
      .command("graph")
      .description("print the stage graph, or with --tasks the task graph around the selected tasks, as DOT or Mermaid")
      .argument("<file>", "the .dflow file")
      .option("--tasks <selector>", "tasks to show: STAGE or STAGE[grid=value,…]")
      .addOption(new Option("--format <format>", "dot or mermaid").choices(["dot", "mermaid"]).default("dot")),
  ).action(async (file: string, opts: { out: string; profile?: string; set?: string[]; tasks?: string; format: "dot" | "mermaid" }) => {
    const sources = new SourceMap();
    if (opts.tasks === undefined) {
      const checked = await checkFile(sources, path.resolve(io.cwd, file), { loadIndex: defaultIndexLoader });
      const diags = checked.diagnostics;
      if (diags.length > 0) io.stderr(renderDiagnostics(diags, "text", { sources, cwd: io.cwd, color: color() }));
      code = exitCode({ diagnostics: diags });
      const c = checked.value?.checked;
      if (c === undefined || code !== 0) return;
      io.stdout(renderStageGraph(buildStageGraph(c.scope), stageOrder(c.scope).map((s) => s.name.value), opts.format));
      return;
    }
    const sel = parseSelector(sources.add("--tasks", opts.tasks));
    const r = await loadPlan(sources, file, opts, io);
    const diags = [...sel.diagnostics, ...r.diagnostics];
    if (diags.length > 0) io.stderr(renderDiagnostics(diags, "text", { sources, cwd: io.cwd, color: color() }));
    code = exitCode({ diagnostics: diags });
    if (r.plan === undefined || sel.value === undefined) return;
    const tasks = selectTasks(r.plan.graph, sel.value);
    if (tasks.length === 0) {
      const stages = r.plan.graph.stages.map((x) => x.name);
      const d = stages.includes(sel.value.stage)
        ? diag("DF1011", `No task of stage \`${sel.value.stage}\` matches \`${opts.tasks}\`.`, sel.value.loc, { label: "matches nothing" })
        : diag("DF2002", `There is no stage named \`${sel.value.stage}\`.`, sel.value.loc, { label: "unknown stage", suggestions: suggestNames(sel.value.stage, stages) });
      io.stderr(renderDiagnostics([d], "text", { sources, cwd: io.cwd, color: color() }));
      code = 1;
      return;
    }
    io.stdout(renderTaskGraph(r.plan.graph, tasks, opts.format));
  });

  planOptions(
    program
      .command("run")
      .description("run a pipeline in process: every task whose inputs, params or kernel changed, up to and past the frontier; outputs written atomically under --out (default ./out)")
      .argument("<file>", "the .dflow file")
      .option("--only <selectors...>", "run these targets and what they need (STAGE or STAGE[grid=value,…])")
      .option("--allow-refactoring", "run stages marked `refactoring`")
      .option("-j, --jobs <n>", `tasks run at once on worker threads (default: one per core, ${os.availableParallelism()} here)`),
  ).action(async (file: string, opts: { out: string; profile?: string; set?: string[]; only?: string[]; allowRefactoring?: boolean; jobs?: string }) => {
    const sources = new SourceMap();
    const checked = await checkFile(sources, path.resolve(io.cwd, file), { loadIndex: defaultIndexLoader });
    const diags = [...checked.diagnostics];
    const c = checked.value?.checked;
    let wanted: Set<string> | undefined;
    if (c !== undefined && !diags.some((d) => d.severity === "error")) {
      const selectors: Selector[] = [];
      for (const text of opts.only ?? []) {
        const r = parseSelector(sources.add("--only", text));
        diags.push(...r.diagnostics);
        if (r.value !== undefined) selectors.push(r.value);
      }
      const req = requestedStages(c.scope, selectors, opts.allowRefactoring === true);
      diags.push(...req.diagnostics);
      if (opts.only !== undefined) wanted = req.stages;
    }
    if (c === undefined || diags.some((d) => d.severity === "error")) {
      io.stderr(renderDiagnostics(diags, "text", { sources, cwd: io.cwd, color: color() }));
      code = exitCode({ diagnostics: diags });
      return;
    }
    const t0 = Date.now();
    // A progress bar on a terminal (stderr), plain lines otherwise (not a TTY, or CI set).
    const tty = io.isTTY && io.env["CI"] === undefined;
    let barShown = false;
    let lastDraw = 0;
    let stageStart = { stage: "", at: 0 };
    const bar = (stage: string, done: number, total: number): void => {
      const now = Date.now();
      if (stageStart.stage !== stage) stageStart = { stage, at: now };
      if (!tty || (done < total && now - lastDraw < 100)) return;
      lastDraw = now;
      const eta = done > 0 && done < total ? ` ETA ${Math.ceil((((now - stageStart.at) / done) * (total - done)) / 1000)} s` : "";
      const width = 24;
      const fill = total === 0 ? width : Math.round((done / total) * width);
      io.stderr(`\r\x1b[2K${stage.padEnd(12)} [${"#".repeat(fill)}${"-".repeat(width - fill)}] ${done}/${total}${eta}`);
      barShown = true;
    };
    const jobs = opts.jobs !== undefined ? Number(opts.jobs) : os.availableParallelism();
    if (!Number.isInteger(jobs) || jobs < 1) {
      io.stderr(renderDiagnostics([diag("DF5001", `\`--jobs ${opts.jobs}\` must be a whole number of at least 1.`, undefined)], "text", { sources, cwd: io.cwd }));
      code = 2;
      return;
    }
    const self = fileURLToPath(import.meta.url);
    const r = await runPipeline(c, {
      jobs,
      ...(wanted !== undefined ? { stages: wanted } : {}),
      ...(self.endsWith(".js") ? { workerScript: self } : {}),
      onTask: bar,
      out: path.resolve(io.cwd, opts.out),
      ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
      ...(opts.set !== undefined ? { set: opts.set } : {}),
      progress: (line) => io.stderr((barShown ? "\r\x1b[2K" : "") + line + "\n"),
    });
    if (r.diagnostics.length > 0) io.stderr(renderDiagnostics(r.diagnostics, "text", { sources, cwd: io.cwd, color: color() }));
    code = exitCode({ diagnostics: r.diagnostics });
    const rep = r.value;
    if (rep === undefined) return;
    if (barShown) io.stderr("\r\x1b[2K");
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    io.stderr(`run: ${rep.ran} task${rep.ran === 1 ? "" : "s"} run, ${rep.skipped} up to date, ${rep.failed.length} failed, ${rep.notRun.length} not run, ${secs} s\n`);
    for (const f of rep.failed) io.stderr(`  failed ${f.id}: ${f.message}\n    log: ${displayPath(f.log, io.cwd)}\n`);
    if (rep.notRun.length > 0) io.stderr(`  not run (an input failed): ${rep.notRun.slice(0, 10).join(", ")}${rep.notRun.length > 10 ? ", …" : ""}\n`);
    for (const d of rep.deferred) io.stderr(`  still waiting: ${d}\n`);
    if (rep.failed.length > 0) code = Math.max(code, 1);
  });

  /** Checks and plans for an emitter; diagnostics are printed and the exit code set; undefined unless the plan is clean. */
  const plannedForEmit = async (file: string, opts: PlanFlags): Promise<{ plan: Plan; checked: CheckedProgram } | undefined> => {
    const sources = new SourceMap();
    const r = await loadPlan(sources, file, opts, io);
    if (r.diagnostics.length > 0) io.stderr(renderDiagnostics(r.diagnostics, "text", { sources, cwd: io.cwd, color: color() }));
    code = exitCode({ diagnostics: r.diagnostics });
    return r.plan !== undefined && r.checked !== undefined && code === 0 ? { plan: r.plan, checked: r.checked } : undefined;
  };

  const emit = program.command("emit").description("write artifacts for other engines: the indexed plan file (Make and Slurm emitters build on it)");
  planOptions(
    emit
      .command("plan")
      .description("write the indexed plan file: one record per task (id, kernel, inputs, outputs, params), read by `dflow task`")
      .argument("<file>", "the .dflow file")
      .requiredOption("--emit-dir <dir>", "where the plan file goes"),
  ).action(async (file: string, opts: { out: string; profile?: string; set?: string[]; emitDir: string }) => {
    const r = await plannedForEmit(file, opts);
    if (r === undefined) return;
    const dir = path.resolve(io.cwd, opts.emitDir);
    const w = writePlanFile(r.checked, r.plan, dir);
    io.stderr(`wrote ${w.tasks} task records to ${displayPath(dir, io.cwd)}${r.plan.graph.stages.some((s) => s.deferred !== undefined) ? " (stages past the frontier are not in it)" : ""}\n`);
  });

  planOptions(
    emit
      .command("ts")
      .description("write a standalone TypeScript driver (built with ts-morph) that imports the kernels and runs an emitted plan; it type-checks with tsc --noEmit")
      .argument("<file>", "the .dflow file")
      .requiredOption("--emit-dir <dir>", "where driver.ts goes"),
  ).action(async (file: string, opts: { out: string; profile?: string; set?: string[]; emitDir: string }) => {
    const r = await plannedForEmit(file, opts);
    if (r === undefined) return;
    const dir = path.resolve(io.cwd, opts.emitDir);
    const root = stdlibRoot();
    const f = await emitTs(r.checked, r.plan, dir, displayPath(path.resolve(io.cwd, file), io.cwd), path.join(path.dirname(root ?? io.cwd), "src"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, f.path), [...f.chunks].join(""));
    io.stderr(`wrote ${displayPath(path.join(dir, f.path), io.cwd)}\n`);
  });

  planOptions(
    emit
      .command("make")
      .description("write a Makefile (one rule per task, fingerprint stamps, .DELETE_ON_ERROR) over an emitted plan; run it with make -j")
      .argument("<file>", "the .dflow file")
      .requiredOption("--emit-dir <dir>", "where the Makefile, the plan and the stamps go"),
  ).action(async (file: string, opts: { out: string; profile?: string; set?: string[]; emitDir: string }) => {
    const r = await plannedForEmit(file, opts);
    if (r === undefined) return;
    const checked = r.checked;
    const dir = path.resolve(io.cwd, opts.emitDir);
    const planDir = path.join(dir, "plan");
    const stampDir = path.join(dir, "stamps");
    writePlanFile(checked, r.plan, planDir);
    mkdirSync(stampDir, { recursive: true });
    const builder = new RecordBuilder(checked, checked.index!);
    const g = r.plan.graph;
    function* records(): Generator<MakeTask> {
      for (const s of g.stages) {
        if (s.deferred !== undefined || s.count === 0) continue;
        const first = builder.record(g, s.first);
        if (first === undefined) continue;
        // A stage's stamp is rewritten only when what it holds changes, so make sees a param change.
        const stamp = path.join(stampDir, stampName(first));
        const content = stampContent(first);
        if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== content) writeFileSync(stamp, content);
        for (let t = s.first; t < s.first + s.count; t++) {
          const inputs: string[] = [];
          const outputs: string[] = [];
          g.inputsOf(t, (product, keys) => inputs.push(g.paths.get(product)!(keys)));
          g.outputsOf(t, (product, keys) => outputs.push(g.paths.get(product)!(keys)));
          yield { id: taskId(g, t), stage: s.name, inputs, outputs };
        }
      }
    }
    const self = fileURLToPath(import.meta.url);
    const mf = emitMakefile(records(), { source: displayPath(path.resolve(io.cwd, file), io.cwd), out: r.plan.out, planDir, stampDir, node: process.execPath, dflow: self });
    const fd = openSync(path.join(dir, mf.path + ".tmp"), "w");
    try {
      for (const chunk of mf.chunks) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    renameSync(path.join(dir, mf.path + ".tmp"), path.join(dir, mf.path));
    io.stderr(`wrote ${displayPath(path.join(dir, mf.path), io.cwd)} (${g.taskCount} rules); run it with make -j -f ${displayPath(path.join(dir, mf.path), io.cwd)}\n`);
  });

  planOptions(
    emit
      .command("slurm")
      .description("write Slurm job arrays (packed, split at MaxArraySize, with afterok/aftercorr/afterany dependencies), a submit.sh that records a ledger, and a continuation job for a data-dependent frontier")
      .argument("<file>", "the .dflow file")
      .requiredOption("--site <site.yaml>", "the site profile: partition, account, limits (sites/local.yaml, sites/large.yaml)")
      .requiredOption("--emit-dir <dir>", "where submit.sh, the job scripts, their task lists, the plan and the logs go")
      .option("--only <selectors...>", "submit these targets and what they need (STAGE or STAGE[grid=value,…]; the selected stages whole)")
      .option("--allow-refactoring", "emit stages marked `refactoring`"),
  ).action(async (file: string, opts: { out: string; profile?: string; set?: string[]; emitDir: string; site: string; only?: string[]; allowRefactoring?: boolean }) => {
    code = await emitSlurmCommand(file, opts, io);
  });

  program
    .command("status")
    .description("the state of every task of a submitted Slurm plan (done, running, pending, failed, cancelled, stale, never submitted) from its ledger, sacct and the outputs' fingerprints")
    .argument("<dir>", "the --emit-dir of `dflow emit slurm`")
    .addOption(new Option("--format <format>", "text table or JSON").choices(["text", "json"]).default("text"))
    .option("--site <site.yaml>", "a site profile instead of the one the plan was emitted for")
    .action(async (dir: string, opts: { format: "text" | "json"; site?: string }) => {
      code = await statusCommand(dir, opts.format, io, opts.site);
    });

  program
    .command("resubmit")
    .description("submit the minimal set of a Slurm plan that is failed, cancelled, stale or never submitted, depending on what is still queued")
    .argument("<dir>", "the --emit-dir of `dflow emit slurm`")
    .option("--no-submit", "write the follow-up submission without running its submit.sh")
    .action(async (dir: string, opts: { submit: boolean }) => {
      code = await resubmitCommand(dir, opts, io);
    });

  program
    .command("continue")
    .description("re-plan a submitted Slurm plan past its frontier and submit the rest (what the continuation job runs)")
    .argument("<dir>", "the --emit-dir of `dflow emit slurm`")
    .option("--no-submit", "write the follow-up submission without running its submit.sh")
    .action(async (dir: string, opts: { submit: boolean }) => {
      code = await continueCommand(dir, opts, io);
    });

  program
    .command("task")
    .description("run tasks of an emitted plan by id (what Make recipes and Slurm jobs call): fingerprints, validation and atomic writes as `dflow run`")
    .argument("<plan-dir>", "the --emit-dir of `dflow emit plan`")
    .argument("[ids...]", "task ids, such as 'sky[exposure=1234,camera=b,petal=3]'")
    .option("--tasks-file <file>", "read the ids from line --element of this file (tab-separated), as Slurm job arrays do")
    .option("--element <n>", "the line of --tasks-file, from 0")
    .action(async (dir: string, idArgs: string[], topts: { tasksFile?: string; element?: string }) => {
      // Under `srun -n R`, one rank runs the tasks: kernels are in-process functions, not MPI programs.
      const rank = io.env["SLURM_PROCID"];
      if (rank !== undefined && rank !== "0") {
        code = 0;
        return;
      }
      let ids = idArgs;
      if (topts.tasksFile !== undefined) {
        const n = Number(topts.element ?? "x");
        let text: string | undefined;
        try {
          text = readFileSync(path.resolve(io.cwd, topts.tasksFile), "utf8");
        } catch (e) {
          io.stderr(renderDiagnostics([diag("DF5001", `\`--tasks-file ${topts.tasksFile}\` cannot be read: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (e as Error).message}.`, undefined)], "text", { sources: new SourceMap(), cwd: io.cwd }));
          code = 2;
          return;
        }
        const line = Number.isInteger(n) && n >= 0 ? text.split("\n")[n] : undefined;
        if (line === undefined || line === "") {
          io.stderr(renderDiagnostics([diag("DF5001", `\`--element ${topts.element ?? ""}\` is not a line of \`${topts.tasksFile}\`.`, undefined)], "text", { sources: new SourceMap(), cwd: io.cwd }));
          code = 2;
          return;
        }
        ids = [...ids, ...line.split("\t")];
      }
      if (ids.length === 0) {
        io.stderr(renderDiagnostics([diag("DF5001", "`dflow task` needs task ids, or --tasks-file with --element.", undefined)], "text", { sources: new SourceMap(), cwd: io.cwd }));
        code = 2;
        return;
      }
      const planDir = path.resolve(io.cwd, dir);
      let meta: ReturnType<typeof readPlanMeta>;
      try {
        meta = readPlanMeta(planDir);
      } catch (e) {
        io.stderr(renderDiagnostics([diag("DF5001", `\`${dir}\` holds no plan file: ${(e as Error).message}`, undefined, { help: "write one with `dflow emit plan FILE --emit-dir DIR`" })], "text", { sources: new SourceMap(), cwd: io.cwd }));
        code = 2;
        return;
      }
      const out = meta.meta.out;
      const env = {
        out,
        types: meta.types,
        loadKernel: (record: TaskRecord) => loadExport(record.module, record.exportName, record.kernel),
        hashOf: (file: string, producer: string | undefined) => inputHash(out, file, producer),
      };
      code = 0;
      for (const id of ids) {
        const record = readTaskRecord(planDir, id);
        if (record === undefined) {
          io.stderr(`error: no task \`${id}\` in the plan at ${displayPath(planDir, io.cwd)}\n`);
          code = 1;
          continue;
        }
        const r = await executeTask(record, env);
        if (r.kind === "failed") {
          io.stderr(`failed ${id}: ${r.message}\n  log: ${displayPath(logFileOf(out, record), io.cwd)}\n`);
          code = 1;
        } else io.stderr(`${r.kind === "ran" ? "ran" : "up to date"} ${id}\n`);
      }
    });

  program
    .command("datamodel")
    .description("print the data model of every product type (HDUs, columns, dtypes, dims, units), or of one")
    .argument("[type]", "a product type such as Frame")
    .option("--import <module>", "also list the types of this module (stdlib.NAME or a directory); repeatable", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--json", "print JSON")
    .action(async (type: string | undefined, opts: { import?: string[]; json?: boolean }) => {
      const resolved = resolveModules(path.join(io.cwd, "datamodel.dflow"), (opts.import ?? []).map((m) => ({ module: m.startsWith(".") || m.startsWith("/") ? m : m.split(".") })));
      for (const p of resolved.problems) io.stderr(`error[DF2011]: ${p.message}\n`);
      const { index } = await loadKernelIndex(resolved.modules);
      let types = [...index.types];
      if (type !== undefined) {
        types = types.filter((t) => t.name === type);
        if (types.length === 0) {
          const d = diag("DF3030", `There is no product type named \`${type}\`.`, undefined, { suggestions: suggestNames(type, index.types.map((t) => t.name)) });
          io.stderr(renderDiagnostics([d], "text", { sources: new SourceMap(), cwd: io.cwd }));
          code = 1;
          return;
        }
      }
      io.stdout(opts.json === true ? JSON.stringify(types, null, 2) + "\n" : renderDataModel(types, io.cwd));
      code = resolved.problems.length > 0 ? 1 : 0;
    });

  program
    .command("explain")
    .description("print the long explanation of a diagnostic code (DF1003), or --list them all")
    .argument("[code]", "a code such as DF1003")
    .option("--list", "list every code with its title")
    .action((c: string | undefined, opts: { list?: boolean }) => {
      if (opts.list === true || c === undefined) {
        for (const info of allCodes()) io.stdout(`${info.code}  ${info.severity.padEnd(7)}  ${info.title}\n`);
        code = 0;
        return;
      }
      const info = lookupCode(c);
      if (info === undefined) {
        const d = diag("DF5002", `\`${c}\` is not a dflow diagnostic code.`, undefined, { help: "`dflow explain --list` prints every code" });
        io.stderr(renderDiagnostics([d], "text", { sources: new SourceMap(), cwd: io.cwd }));
        code = 1;
        return;
      }
      io.stdout(`${info.code}: ${info.title} (${info.severity})\n\n${info.explanation}\n`);
      code = 0;
    });

  return {
    program,
    async run(argv) {
      code = 0;
      try {
        await program.parseAsync([...argv], { from: "user" });
      } catch (e) {
        if (e instanceof CommanderError) {
          if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
          return e.exitCode === 0 ? 0 : 2;
        }
        io.stderr(`error[DF9001]: Internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        return 3;
      }
      return code;
    },
  };
}
