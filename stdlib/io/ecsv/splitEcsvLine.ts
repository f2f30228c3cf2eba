/**
 * Splits one ECSV data line into fields, as Python's csv reader does for astropy: fields
 * may be quoted with `"` (a doubled `""` inside is one quote); with the space delimiter
 * runs of spaces separate fields and leading and trailing spaces are ignored. Returns
 * `undefined` when a quoted field is not closed.
 */
export function splitEcsvLine(line: string, delimiter: " " | ","): string[] | undefined {
  const fields: string[] = [];
  const n = line.length;
  let i = 0;
  const skipSpaces = () => {
    while (delimiter === " " && i < n && line[i] === " ") i++;
  };
  skipSpaces();
  if (i >= n) return fields;
  for (;;) {
    let value = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) return undefined;
        const ch = line[i]!;
        if (ch === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
    }
    // Unquoted text, or text after a closing quote, runs to the delimiter (csv keeps it).
    const stop = line.indexOf(delimiter, i);
    const end = stop < 0 ? n : stop;
    value += line.slice(i, end);
    i = end;
    fields.push(value);
    if (i >= n) return fields;
    i++; // the delimiter
    skipSpaces();
    if (i >= n) {
      if (delimiter === ",") fields.push("");
      return fields;
    }
  }
}

/**
 * Quotes a field for writing when a reader could not otherwise get it back: when it is
 * empty, contains the delimiter, a quote, or surrounding spaces, or starts with `#`.
 */
export function quoteEcsvField(value: string, delimiter: " " | ","): string {
  const needs = value === "" || value.includes(delimiter) || value.includes('"') || value.startsWith("#") || value.trim() !== value;
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}
