import { allCodes, diag, lookupCode } from "../../diag/codes.js";
import { defineCommand, result } from "../CliCommand.js";
import { formatOption, report } from "../report.js";

/** `dflow explain CODE`: the long explanation of a diagnostic code; `--list` lists them all. */
export const explainCommand = defineCommand(
  (parent) =>
    parent
      .command("explain")
      .description("print the long explanation of a diagnostic code (DF1003), or --list them all")
      .argument("[code]", "a code such as DF1003")
      .option("--list", "list every code with its title")
      .addOption(formatOption(["text", "json"], "text, or json: the explanation (or the list) and any problem as JSON on stdout")),
  (io, code: string | undefined, flags: { list?: boolean; format: string }) => {
    const json = flags.format === "json";
    if (flags.list === true || code === undefined) {
      const codes = allCodes();
      if (json)
        io.stdout(
          JSON.stringify(
            codes.map((c) => ({ code: c.code, severity: c.severity, title: c.title })),
            null,
            2,
          ) + "\n",
        );
      else for (const info of codes) io.stdout(`${info.code}  ${info.severity.padEnd(7)}  ${info.title}\n`);
      return result([]);
    }
    const info = lookupCode(code);
    if (info === undefined) {
      const r = result([diag("DF5002", `\`${code}\` is not a dflow diagnostic code.`, undefined, { help: "`dflow explain --list` prints every code" })]);
      report(io, r, flags.format);
      return r;
    }
    if (json) io.stdout(JSON.stringify({ code: info.code, explanation: info.explanation, severity: info.severity, title: info.title }, null, 2) + "\n");
    else io.stdout(`${info.code}: ${info.title} (${info.severity})\n\n${info.explanation}\n`);
    return result([]);
  },
);
