import type { Diagnostic, Label, Severity } from "./Diagnostic.js";
import type { Span } from "../util/Span.js";

/** One entry of the catalogue: what the code means, and its long explanation. */
export interface CodeInfo {
  readonly code: string;
  /** Short title, shown by `dflow explain` and in JSON output. */
  readonly title: string;
  readonly severity: Severity;
  /** Long explanation (markdown-ish text) printed by `dflow explain CODE`. */
  readonly explanation: string;
}

/**
 * The catalogue of every diagnostic code. Groups: 1xxx syntax, 2xxx names, 3xxx types,
 * 4xxx planning, 5xxx emit/config/CLI, 6xxx lint, 9xxx internal. Codes are never reused or
 * renumbered; a retired code stays here with its explanation.
 */
export const CODES = {
  DF1000: {
    title: "cannot read source file",
    severity: "error",
    explanation: `The file named on the command line could not be read (it does not exist, is a directory, or
permissions forbid reading it). Check the path; paths are relative to the working directory.`,
  },
  DF1001: {
    title: "unexpected character",
    severity: "error",
    explanation: `The text contains a character that cannot start any token of the language. dflow source is
UTF-8 text; identifiers are letters, digits and underscores (letters of any script), strings are
double-quoted, comments start with \`#\` and run to the end of the line.

    grid camera = {b, r, z};   # error: \`;\` is not part of the language

Remove the character, or put it in a string or a comment.`,
  },
  DF1002: {
    title: "unterminated string",
    severity: "error",
    explanation: `A string literal starts with \`"\` but the line ends before the closing \`"\`. Strings cannot
span lines; use \`\\n\` for a newline inside a string.

    product frame[exposure] : Frame at "exposures/{exposure}/frame.fits     # missing closing quote`,
  },
  DF1003: {
    title: "unexpected token",
    severity: "error",
    explanation: `The parser found a token where the grammar expects another one. The message names what was
expected and what was found. dflow keeps parsing after the error, so every syntax error of a
file is reported in one run; a later error may be a consequence of an earlier one.

The grammar is in \`grammar/dflow.ebnf\`, with railroad diagrams in \`grammar/diagrams.html\`.`,
  },
  DF1004: {
    title: "expected one of several forms",
    severity: "error",
    explanation: `At this point the grammar allows several forms (for example a declaration: \`import\`, \`param\`,
\`profile\`, \`grid\`, \`relation\`, \`product\` or \`stage\`), and the text starts none of them. The
message lists the forms that may start here.`,
  },
  DF1005: {
    title: "unexpected end of file",
    severity: "error",
    explanation: `The file ends inside a construct, usually a stage or profile whose \`{\` has no matching \`}\`, or
a list whose \`[\` or \`(\` is not closed.`,
  },
  DF1006: {
    title: "unknown status word",
    severity: "error",
    explanation: `A stage's status is one of three words, with an optional note in quotes:

    status done                        # already run for the current survey
    status ready                       # code tested, waiting for inputs
    status refactoring "for scaling"   # code changing: not run or emitted without --allow-refactoring`,
  },
  DF1007: {
    title: "malformed path template",
    severity: "error",
    explanation: `A product's path template is a string with fields in braces: \`{grid}\`, \`{grid.attribute}\`,
\`{grid/100}\` (integer division, for directory fan-out) and an optional format after a colon:
\`{exposure:08d}\` (zero-padded to 8 digits), \`{night:s}\`. A brace that is not closed, an empty
field, or a format other than \`[0][width](d|s|x)\` is an error. Write \`{{\` and \`}}\` for literal
braces.`,
  },
  DF1008: {
    title: "not a text file",
    severity: "error",
    explanation: `The file holds NUL bytes or is not valid UTF-8, so it is not dflow source (often a FITS file or
an archive named by mistake). dflow reads UTF-8 text, with or without a byte-order mark.`,
  },
  DF1009: {
    title: "malformed grid domain",
    severity: "error",
    explanation: `A grid's domain is one of:

    grid petal    = 0..npetal-1                         # an integer range (both ends included)
    grid camera   = {b, r, z}                           # a set of literal keys
    grid exposure = exposures.EXPID key { night = NIGHT } # a column of a product, with attributes
    grid healpix  = kernel survey.pixels(tiles, nside = nside) nested   # computed by a kernel

Anything else (a single number, a call that is not a kernel) is not a domain.`,
  },
  DF1010: {
    title: "missing pipeline header",
    severity: "error",
    explanation: `Every \`.dflow\` file declares one pipeline, first:

    pipeline twopct "DESI 2% sprint: tiles to redshifts"

An empty file, or one whose declarations come before the header, gets this error.`,
  },
  DF1011: {
    title: "malformed task selector",
    severity: "error",
    explanation: `A task selector names a stage and, optionally, values of its grids or their attributes:

    sky
    sky[camera=b]
    sky[exposure.night=20201214, camera=b, petal=0..4]
    sky[camera={b,r}]

Values are integers, words, quoted strings, ranges \`lo..hi\` (inclusive) or sets \`{a,b}\`.`,
  },
  DF1012: {
    title: "duplicate pipeline header",
    severity: "error",
    explanation: `A file declares exactly one pipeline. Remove the second \`pipeline\` line, or split the file.`,
  },
  DF1013: {
    title: "malformed number",
    severity: "error",
    explanation: `A number literal is an integer (\`64\`, \`20201214\`) or a decimal with an optional exponent
(\`0.8\`, \`1e-17\`), optionally followed by a unit (\`10min\`, \`4GB\`, \`1e-17 erg/s/cm2/Angstrom\`).`,
  },
  DF5001: {
    title: "invalid command-line usage",
    severity: "error",
    explanation: `A command was called with an unknown flag, a missing argument or a malformed value
(\`--set\` takes \`name=value\`). \`dflow help COMMAND\` prints the usage of a command.`,
  },
  DF5002: {
    title: "unknown diagnostic code",
    severity: "error",
    explanation: `\`dflow explain\` takes a code such as \`DF1003\`. \`dflow explain --list\` prints every code.`,
  },
  DF9001: {
    title: "internal error",
    severity: "error",
    explanation: `dflow reached a state that only a bug in dflow can cause. Please report it with the input file
and the command; the message includes the stack trace.`,
  },
} as const satisfies Record<string, Omit<CodeInfo, "code">>;

/** A code of the catalogue. */
export type Code = keyof typeof CODES;

/** Looks up a code, case-insensitively (`df1003` works). */
export function lookupCode(code: string): CodeInfo | undefined {
  const key = code.trim().toUpperCase();
  if (!Object.hasOwn(CODES, key)) return undefined;
  const info = CODES[key as Code];
  return { code: key, ...info };
}

/** Every code, in order. */
export function allCodes(): CodeInfo[] {
  return (Object.keys(CODES) as Code[]).sort().map((code) => ({ code, ...CODES[code] }));
}

/** Optional parts of a diagnostic built by {@link diag}. */
export interface DiagExtras {
  readonly label?: string;
  readonly secondary?: readonly Label[];
  readonly notes?: readonly string[];
  readonly help?: string;
  readonly suggestions?: readonly string[];
  readonly severity?: Severity;
}

/** Builds a diagnostic whose severity comes from the catalogue unless overridden. */
export function diag(code: Code, message: string, span: Span | undefined, extras: DiagExtras = {}): Diagnostic {
  const d: {
    -readonly [K in keyof Diagnostic]: Diagnostic[K];
  } = { severity: extras.severity ?? CODES[code].severity, code, message };
  if (span !== undefined) d.primary = { span, message: extras.label ?? "" };
  if (extras.secondary !== undefined && extras.secondary.length > 0) d.secondary = extras.secondary;
  if (extras.notes !== undefined && extras.notes.length > 0) d.notes = extras.notes;
  if (extras.help !== undefined) d.help = extras.help;
  if (extras.suggestions !== undefined && extras.suggestions.length > 0) d.suggestions = extras.suggestions.slice(0, 4);
  return d;
}
