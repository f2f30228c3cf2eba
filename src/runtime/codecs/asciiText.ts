/** Replacements for the non-ASCII characters documentation tends to use. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  "…": "...",
  "–": "-",
  "—": "-",
  "−": "-",
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "×": "x",
  "·": ".",
  "²": "2",
  "³": "3",
  "°": "deg",
  "§": "sec.",
  Å: "A",
  µ: "u",
  μ: "u",
  "≤": "<=",
  "≥": ">=",
};

/**
 * Documentation text made printable ASCII, for FITS header comments: common symbols spelled
 * out (`…` → `...`, `²` → `2`, `Å` → `A`), accents dropped, anything else removed, and runs
 * of spaces collapsed.
 */
export function asciiText(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const mapped = REPLACEMENTS[ch];
    if (mapped !== undefined) out += mapped;
    else if (/^[ -~]$/.test(ch)) out += ch;
    else {
      const base = ch.normalize("NFKD").replace(/[^ -~]/g, "");
      out += base;
    }
  }
  return out.replace(/\s+/g, " ").trim();
}
