/** Unescapes a string literal's source text (with its quotes): `\"`, `\\`, `\n`, `\t`, `\u{…}`. */
export function unescapeString(image: string): string {
  const body = image.startsWith('"') ? image.slice(1, image.endsWith('"') && image.length > 1 ? -1 : undefined) : image;
  return body.replace(/\\(u\{[0-9a-fA-F]{1,6}\}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "u": {
        const cp = Number.parseInt(e.slice(2, -1), 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : "\uFFFD";
      }
      default:
        return e;
    }
  });
}

/** Writes `value` as a string literal that {@link unescapeString} reads back unchanged. */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch.codePointAt(0)! < 0x20 || ch === "\u2028" || ch === "\u2029") out += `\\u{${ch.codePointAt(0)!.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}
