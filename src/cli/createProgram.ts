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
import { graphCommand } from "./commands/graph.js";
import { planCommand } from "./commands/plan.js";
import { resubmitCommand } from "./commands/resubmit.js";
import { runCommand } from "./commands/run.js";
import { statusCommand } from "./commands/status.js";
import { tableCommand } from "./commands/table.js";
import { taskCommand } from "./commands/task.js";
import { exitCode } from "./exitCode.js";
import type { CliIo } from "./io.js";

/** A built CLI: `run(argv)` parses the arguments (without `node` and the script) and returns the exit code. */
export interface Cli {
  readonly program: Command;
  run(argv: readonly string[]): Promise<number>;
}

/** The top-level commands, in the order `dflow --help` lists them. */
const COMMANDS: readonly CliCommand[] = [checkCommand, fmtCommand, planCommand, tableCommand, graphCommand, runCommand];
/** The `emit` subcommands. */
const EMITTERS: readonly CliCommand[] = [emitPlanCommand, emitTsCommand, emitMakeCommand, emitSlurmCommand];
/** Commands listed after `emit`. */
const FOLLOW_UPS: readonly CliCommand[] = [statusCommand, resubmitCommand, continueCommand, taskCommand, datamodelCommand, explainCommand];

const HELP_AFTER = `
Exit codes: 0 no problem, 1 errors found (or \`fmt --check\` found unformatted files, or tasks failed),
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
  // The result of the action commander ran, read once parsing is over (actions return nothing to commander).
  let last: CommandResult | undefined;
  const attach = (parent: Command, c: CliCommand): void => {
    c.define(parent).action(async (...args: unknown[]) => {
      // commander passes the positional arguments, the options, then the command itself.
      last = await c.run(io, args.slice(0, -1));
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
      return last === undefined ? 0 : exitCode(last);
    },
  };
}
