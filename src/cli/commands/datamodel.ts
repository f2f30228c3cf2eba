import path from "node:path";
import { diag } from "../../diag/codes.js";
import type { Diagnostic } from "../../diag/Diagnostic.js";
import { loadKernelIndex, resolveModules } from "../../kernels/index.js";
import { suggest } from "../../util/suggest.js";
import { defineCommand, result } from "../CliCommand.js";
import { formatOption, report } from "../report.js";
import { renderDataModel } from "../renderDataModel.js";

interface DataModelFlags {
  readonly import: string[];
  readonly json?: boolean;
  readonly format: string;
}

/** `dflow datamodel [TYPE]`: the data model of every product type of the standard library (and `--import`ed modules), or of one. */
export const datamodelCommand = defineCommand(
  (parent) =>
    parent
      .command("datamodel")
      .description("print the data model of every product type (HDUs, columns, dtypes, dims, units), or of one")
      .argument("[type]", "a product type such as Frame")
      .option(
        "--import <module>",
        "also list the types of this module (stdlib.NAME or a directory); repeatable",
        (v: string, acc: string[]) => [...acc, v],
        [] as string[],
      )
      .addOption(formatOption(["text", "json"], "text, or json: the types as JSON on stdout"))
      .option("--json", "the same as --format json"),
  async (io, type: string | undefined, flags: DataModelFlags) => {
    const json = flags.json === true || flags.format === "json";
    const format = json ? "json" : "text";
    const resolved = resolveModules(
      path.join(io.cwd, "datamodel.dflow"),
      flags.import.map((m) => ({ module: m.startsWith(".") || m.startsWith("/") ? m : m.split(".") })),
    );
    const { index } = await loadKernelIndex(resolved.modules);
    const diagnostics: Diagnostic[] = resolved.problems.map((p) => diag("DF2011", p.message, undefined));
    const types = type === undefined ? [...index.types] : index.types.filter((t) => t.name === type);
    if (types.length === 0 && type !== undefined) {
      const r = result([
        ...diagnostics,
        diag("DF3030", `There is no product type named \`${type}\`.`, undefined, {
          suggestions: suggest(
            type,
            index.types.map((t) => t.name),
          ),
        }),
      ]);
      report(io, r, format);
      return r;
    }
    const r = result(diagnostics);
    report(io, r, format, { dataOnStdout: true });
    io.stdout(json ? JSON.stringify(types, null, 2) + "\n" : renderDataModel(types, io.cwd));
    return r;
  },
);
