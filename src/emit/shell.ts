/**
 * The one quoting function of emitted shell text: any string becomes one shell word that the
 * shell takes literally. Single quotes (an embedded quote closes, escapes and reopens them);
 * a string holding `$` or a backquote goes in double quotes with `\`, `$`, a backquote and `"`
 * escaped instead, so that shellcheck does not read it as an expansion meant to happen.
 */
export function shQuote(s: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s)) return s;
  if (/[$`]/.test(s)) return '"' + s.replace(/([\\$`"])/g, "\\$1") + '"';
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/** A small builder of shell lines: words are quoted unless passed as {@link raw} text. */
export class ShellLines {
  private readonly lines: string[] = [];

  /** Adds a line of literal text (a comment, a directive, a construct written by dflow itself). */
  text(line: string): this {
    if (line.includes("\n")) throw new Error("a shell line must not hold a newline");
    this.lines.push(line);
    return this;
  }

  /** Adds a command: each word quoted, except {@link Raw} ones (variable expansions written by dflow). */
  command(...words: (string | Raw)[]): this {
    return this.text(words.map((w) => (typeof w === "string" ? shQuote(w) : w.text)).join(" "));
  }

  /** Adds `name=value` with the value quoted. */
  assign(name: string, value: string): this {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a shell variable name: ${name}`);
    return this.text(`${name}=${shQuote(value)}`);
  }

  toString(): string {
    return this.lines.join("\n") + "\n";
  }
}

/** Shell text dflow writes itself (a quoted expansion such as `"$PLAN"`), passed through unquoted. */
export interface Raw {
  readonly text: string;
}

/** Marks text as written by dflow, not data: it is not quoted. */
export function raw(text: string): Raw {
  return { text };
}
