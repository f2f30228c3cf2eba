import type { Command } from "commander";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { SourceMap } from "../diag/SourceMap.js";
import type { Outcome } from "./exitCode.js";
import type { CliIo } from "./io.js";

/**
 * What a command hands back once it has reported: its diagnostics (with the sources they point
 * into) and the flags of `Outcome`. The exit code is `exitCode(result)`, computed by the program.
 */
export interface CommandResult extends Outcome {
  readonly sources: SourceMap;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * One command of the CLI, in its own file: `define` adds it (name, arguments, options, help)
 * under a parent; `run` receives commander's action arguments (positional arguments, then the
 * options) and does flags → one library call → `report` → result.
 */
export interface CliCommand {
  readonly define: (parent: Command) => Command;
  readonly run: (io: CliIo, args: readonly unknown[]) => Promise<CommandResult>;
}

/** Types a command's `run` by its action arguments, and erases them for the registry. */
export function defineCommand<A extends unknown[]>(
  define: (parent: Command) => Command,
  run: (io: CliIo, ...args: A) => Promise<CommandResult> | CommandResult,
): CliCommand {
  return { define, run: async (io, args) => run(io, ...(args as A)) };
}

/** A result with the given diagnostics and nothing else. */
export function result(diagnostics: readonly Diagnostic[], sources = new SourceMap(), extra: Omit<Outcome, "diagnostics"> = {}): CommandResult {
  return { sources, diagnostics, ...extra };
}
