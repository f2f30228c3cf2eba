import { Command, CommanderError } from "commander";
import { DFLOW_VERSION } from "../version.js";
import type { CliCommand, CommandResult } from "./CliCommand.js";
import { checkCommand } from "./commands/check.js";
import { continueCommand } from "./commands/continue.js";
import { datamodelCommand } from "./commands/datamodel.js";
import { emitMakeCommand } from "./commands/emitMake.js";
import { emitPlanCommand } from "./commands/emitPlan.js";
import { emitSlurmCommand } from "./commands/emitSlurm.js";
import { emitTsCommand } from "./commands/emitTs.js";
import { explainCommand } from "./commands/explain.js";
import { fmtCommand } from "./commands/fmt.js";
import { initCommand } from "./commands/init.js";
import { graphCommand } from "./commands/graph.js";
import { lintCommand } from "./commands/lint.js";
import { diffCommand } from "./commands/diff.js";
import { lspCommand } from "./commands/lsp.js";
import { planCommand } from "./commands/plan.js";
import { resubmitCommand } from "./commands/resubmit.js";
import { runCommand } from "./commands/run.js";
import { statusCommand } from "./commands/status.js";
import { tableCommand } from "./commands/table.js";
import { taskCommand } from "./commands/task.js";
import { whyCommand } from "./commands/why.js";
import { exitCode } from "./exitCode.js";
import { writeErrorText } from "../util/writeFileAtomic.js";
import { diag } from "../diag/codes.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { result } from "./CliCommand.js";
import { isDataFormat, report } from "./report.js";
import type { CliIo } from "./io.js";
import { DirectoryError } from "../util/makeDirectory.js";
import { directoryDiagnostic } from "../drivers/outputDirProblem.js";

/** A built CLI: `run(argv)` parses the arguments (without `node` and the script) and returns the exit code. */
export interface Cli {
  readonly program: Command;
  run(argv: readonly string[]): Promise<number>;
}

/** The top-level commands, in the order `dflow --help` lists them. */
const COMMANDS: readonly CliCommand[] = [initCommand, checkCommand, lintCommand, diffCommand, fmtCommand, planCommand, tableCommand, graphCommand, runCommand];
/** The `emit` subcommands. */
const EMITTERS: readonly CliCommand[] = [emitPlanCommand, emitTsCommand, emitMakeCommand, emitSlurmCommand];
/** Commands listed after `emit`. */
const FOLLOW_UPS: readonly CliCommand[] = [
  statusCommand,
  resubmitCommand,
  continueCommand,
  taskCommand,
  whyCommand,
  datamodelCommand,
  explainCommand,
  lspCommand,
];

const HELP_AFTER = `
Exit codes: 0 no problem, 1 errors found (or \`fmt --check\` found unformatted files, or tasks failed, or
\`diff\` found breaking changes),
2 wrong usage, 3 an internal error (a bug in dflow).
Problems go to stderr as text; with --format json, github, sarif or markdown they are the report and go to stdout.
\`dflow help COMMAND\` prints the options of a command; \`dflow explain DF1003\` explains a code.`;

/**
 * Builds the commander program over `io`: each command is a file of `commands/` that reports its
 * own output and returns a `CommandResult`; the exit code is `exitCode` of it. `main.ts` is the
 * only caller of `process.exit`.
 */
export function createProgram(io: CliIo): Cli {
  const program = new Command("dflow");
  program
    .description("dflow: a declarative dataflow language and compiler for spectroscopic survey pipelines")
    .version(DFLOW_VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run `dflow help` for the list of commands)")
    .addHelpText("after", HELP_AFTER);
  // What commands write on stdout passes through `held` (see `run`): a data report stays one document when a command throws.
  const held = new HeldStdout(io);
  const commandIo: CliIo = {
    ...io,
    stdout: (t) => held.write(t),
    ...(io.stdoutAsync !== undefined ? { stdoutAsync: (t: string) => held.writeAsync(t) } : {}),
  };
  // The result of the action commander ran, read once parsing is over (actions return nothing to commander).
  let last: CommandResult | undefined;
  const attach = (parent: Command, c: CliCommand): void => {
    c.define(parent).action(async (...args: unknown[]) => {
      // commander passes the positional arguments, the options, then the command itself.
      last = await c.run(commandIo, args.slice(0, -1));
    });
  };
  for (const c of COMMANDS) attach(program, c);
  const emit = program
    .command("emit")
    .description("write artifacts for other engines: the indexed plan file, a TypeScript driver, a Makefile, Slurm job arrays");
  for (const c of EMITTERS) attach(emit, c);
  for (const c of FOLLOW_UPS) attach(program, c);

  return {
    program,
    async run(argv) {
      last = undefined;
      const format = formatOf(argv);
      held.start(isDataFormat(format));
      try {
        await program.parseAsync([...argv], { from: "user" });
        await held.release();
      } catch (e) {
        held.drop();
        if (e instanceof CommanderError) {
          if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
          return e.exitCode === 0 ? 0 : 2;
        }
        const r = result([thrownDiagnostic(e, io.cwd)]);
        report(io, r, format);
        return exitCode(r);
      }
      return last === undefined ? 0 : exitCode(last);
    },
  };
}

/**
 * What an exception that reached the program becomes: an error carrying its diagnostic is that
 * diagnostic; a directory that could not be made (a dangling link, a refusal of the system) is
 * DF5016 naming it; an I/O error the system raised on a file is DF5017 naming the file; anything
 * else is a bug in dflow, DF9001 with the stack in its notes.
 */
export function thrownDiagnostic(e: unknown, cwd: string = process.cwd()): Diagnostic {
  // A user's mistake found deep in a phase (a grid kernel's unusable keys) travels as an error carrying its diagnostic.
  const carried = (e as { diagnostic?: Diagnostic } | null)?.diagnostic;
  if (e instanceof Error && carried !== undefined && typeof carried.code === "string") return carried;
  if (e instanceof DirectoryError) return directoryDiagnostic(undefined, e, cwd);
  const written = writeErrorText(e);
  if (written !== undefined)
    return diag("DF5017", written, undefined, {
      help: "free space or fix the permissions, or choose another --out or --emit-dir, then run the command again",
    });
  const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return diag("DF9001", `Internal error: ${e instanceof Error ? e.message : String(e)}`, undefined, {
    notes: [stack],
    help: "this is a bug in dflow: please report it with the command and its input file",
  });
}

/** The `--format` given on the command line (`--format X` or `--format=X`), for reporting an error after parsing failed midway. */
function formatOf(argv: readonly string[]): string {
  let format = "text";
  argv.forEach((a, i) => {
    if (a === "--format" && argv[i + 1] !== undefined) format = argv[i + 1]!;
    else if (a.startsWith("--format=")) format = a.slice("--format=".length);
  });
  return format;
}

/**
 * Stdout held back while a command runs with a data format (json, sarif, markdown, github), so
 * that an exception can replace the partial output with a report of it: stdout stays one
 * document. Past 1 MiB what is held is written out and the rest passes through (a large plan or
 * table is not kept in memory).
 */
class HeldStdout {
  #parts: string[] | undefined;
  #size = 0;
  constructor(readonly io: CliIo) {}
  start(hold: boolean): void {
    this.#parts = hold ? [] : undefined;
    this.#size = 0;
  }
  write(t: string): void {
    if (this.#parts === undefined) return this.io.stdout(t);
    this.#parts.push(t);
    this.#size += t.length;
    if (this.#size > 1 << 20) this.#flushSync();
  }
  async writeAsync(t: string): Promise<void> {
    if (this.#parts !== undefined) await this.release();
    if (this.io.stdoutAsync !== undefined) await this.io.stdoutAsync(t);
    else this.io.stdout(t);
  }
  #flushSync(): void {
    const parts = this.#parts ?? [];
    this.#parts = undefined;
    for (const p of parts) this.io.stdout(p);
  }
  /** Writes what is held, and lets the rest pass. */
  async release(): Promise<void> {
    const parts = this.#parts ?? [];
    this.#parts = undefined;
    for (const p of parts) {
      if (this.io.stdoutAsync !== undefined) await this.io.stdoutAsync(p);
      else this.io.stdout(p);
    }
  }
  /** Forgets what is held. */
  drop(): void {
    this.#parts = undefined;
  }
}
