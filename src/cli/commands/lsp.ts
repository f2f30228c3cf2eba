import { createConnection } from "vscode-languageserver/node.js";
import { startServer } from "../../lsp/index.js";
import { SourceMap } from "../../diag/SourceMap.js";
import { defineCommand } from "../CliCommand.js";

/** `dflow lsp`: serves the Language Server Protocol on stdin and stdout until the client exits. */
export const lspCommand = defineCommand(
  (parent) =>
    parent
      .command("lsp")
      .description("serve the Language Server Protocol on stdin/stdout (diagnostics, hover with task counts, definition, rename, completion, formatting)")
      .option("--stdio", "talk over stdin and stdout (the default; accepted as editors pass it)"),
  async (io) => {
    // Given the streams themselves, the connection ends the process when stdin closes: code 0 after `shutdown`, else 1.
    const connection = createConnection(process.stdin, process.stdout);
    await startServer(connection, io.cwd);
    return { sources: new SourceMap(), diagnostics: [] };
  },
);
