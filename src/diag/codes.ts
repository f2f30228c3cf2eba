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
 * 4xxx planning, 5xxx emit/config/CLI, 6xxx lint, 7xxx diff, 9xxx internal. Codes are never reused or
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

Values are integers, words, quoted strings, ranges \`lo..hi\` (inclusive) or sets \`{a,b}\`. A constraint names one of the
stage's grids (or the stage's variable for it) and, after a dot, one of that grid's attributes; a selector that
names anything else, or that matches no task of a planned stage, is refused with this code too.`,
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
  DF2001: {
    title: "duplicate name",
    severity: "error",
    explanation: `A name is declared twice in the same namespace. Namespaces: module aliases, params and grids
(one namespace, since both appear in expressions), profiles, relations, products, stages; and
inside a declaration: a stage's variables, inputs, outputs and params, a grid's attributes, a
profile's entries. The secondary label shows the first declaration.`,
  },
  DF2002: {
    title: "unknown name",
    severity: "error",
    explanation: `A name does not refer to anything declared: a grid, product, relation, param, module alias,
or a variable of the stage. A value given to a kernel param (a stage's \`param nside = nside\`, a
kernel argument given by name, a range's bounds, a fanout) is one value for every task, so its names
must be params. The message suggests close names. Kernel names are qualified by the
alias of an imported module (\`import stdlib.calib\` makes \`calib.sky\` available).`,
  },
  DF2003: {
    title: "unknown attribute",
    severity: "error",
    explanation: `\`e.night\` reads the attribute \`night\` of the grid that \`e\` ranges over. A column grid declares its
attributes: \`grid exposure = exposures.EXPID { night = NIGHT, flavor = FLAVOR }\`. An attribute named like
a grid (\`night\`) holds keys of that grid, so \`fiberflat[e.night, c, p]\` indexes the \`night\` axis.`,
  },
  DF2004: {
    title: "product with no producer",
    severity: "error",
    explanation: `A product no stage writes is a source, read from disk; it needs a path template (\`at "…"\`) to be
found. A product with neither a producer nor a path can never exist.`,
  },
  DF2005: {
    title: "product with two producers",
    severity: "error",
    explanation: `Every product is written by exactly one stage, so that each file has one owner and a rerun knows
what to redo. Give each stage its own product, or merge the stages.`,
  },
  DF2006: {
    title: "cycle between stages",
    severity: "error",
    explanation: `The stages read each other's products in a circle, so none can start. The message shows the cycle,
stage by stage, with the product that links each pair.`,
  },
  DF2007: {
    title: "unknown resource",
    severity: "error",
    explanation: `A stage's resource lines are \`cores N\`, \`threads N\`, \`ranks N\` (MPI), \`gpus N\`, \`memory SIZE\`
(\`4GB\`) and \`time DURATION [per AMOUNT]\` (\`10min per 250 spectra\`). Any other name is reported with the
closest ones.`,
  },
  DF2009: {
    title: "gather not related to the stage",
    severity: "error",
    explanation: `In a stage indexed by variables, a gather must mention at least one of them (in its product indices,
its \`where\` filter, or the arguments of the relation it goes through); otherwise every task reads the
whole gather, which is almost always a mistake:

    stage fiberflat[n: night, c: camera, p: petal] {
      in flats: frame[e, c, p] for e in exposure where e.night == n and e.flavor == "flat"

A stage without variables (one task) may gather everything.`,
  },
  DF2010: {
    title: "data-dependent grid that cannot be resolved",
    severity: "error",
    explanation: `A grid or relation computed from a product (a column grid, or a kernel called on products) is
resolved once that product exists. If the stages that make the product are themselves partitioned on
that grid, or depend on stages that are, the grid can never be resolved. The message shows the chain.`,
  },
  DF2011: {
    title: "module not found",
    severity: "error",
    explanation: `An \`import\` names a module that does not exist. \`import stdlib.calib\` is the folder
\`stdlib/calib/\` of dflow's standard library (its \`index.ts\`); \`import "./kernels" as mine\` is a folder
next to the \`.dflow\` file, with an \`index.ts\` that exports the pipeline's own kernels and types.`,
  },
  DF3001: {
    title: "output index not one-to-one",
    severity: "error",
    explanation: `Each task writes exactly its partition of each output: the output's indices must be the stage's
variables, each exactly once, covering all of them. An attribute or literal in an output index, or a
stage variable missing from it, would make several tasks write one file or one task write several.`,
  },
  DF3002: {
    title: "wrong number of indices",
    severity: "error",
    explanation: `A product reference gives one index per axis of the product: \`frame[e, c, p]\` for
\`product frame[exposure, camera, petal]\`.`,
  },
  DF3003: {
    title: "index on the wrong grid",
    severity: "error",
    explanation: `Each index of a product reference must be a key of that axis's grid: a variable bound to the grid,
an attribute holding its keys (\`e.night\` for a \`night\` axis), or a literal.`,
  },
  DF3005: {
    title: "relation or gather clause misapplied",
    severity: "error",
    explanation: `A relation \`r(a: A) -> (b: B, c: C)\` is applied to keys of its source grids and binds as many
variables as it has targets: \`for (e, p) in observes(h)\`. A gather over a grid binds one variable.`,
  },
  DF3006: {
    title: "param value or type",
    severity: "error",
    explanation: `A param declares one of the types int, float, string, bool, date (YYYYMMDD), duration (\`10min\`),
size (\`4GB\`), quantity (\`1e-17 erg/s/cm2/Angstrom\`) or list[T], and its default and every profile's value
must have that type. A default may use params declared before it. One profile at most is \`default\`.
Grid keys take no unit.`,
  },
  DF3010: {
    title: "unknown key in a path template",
    severity: "error",
    explanation: `A path template may use the product's axes (\`{exposure}\`), their attributes (\`{exposure.night}\`)
and params (\`{nside}\`); any other name has no value for a task.`,
  },
  DF3011: {
    title: "path escapes the output root",
    severity: "error",
    explanation: `Product paths are relative to the output root (\`--out\`). A leading \`/\`, a leading \`~\` or a \`..\`
segment could write outside it. Keys that would make a path escape are rejected at plan time too.`,
  },
  DF3012: {
    title: "path template not injective",
    severity: "error",
    explanation: `Distinct keys must never share a file. Statically, every axis must appear untruncated (not only as
\`{axis/100}\` or through an attribute) with known boundaries: delimited by text (\`-\`, \`/\`, \`.\`), at the
start or end, next to a fixed-width field, or fixed width itself (\`{exposure:08d}\`, or a grid of literal
keys of equal length such as \`{b, r, z}\`). Collisions the rule cannot exclude are checked at plan time.`,
  },
  DF3020: {
    title: "kernel missing",
    severity: "error",
    explanation: `A stage binds a kernel (\`kernel calib.sky\`), an exported function of an imported module. The named
function does not exist, or the stage binds none.`,
  },
  DF3021: {
    title: "kernel inputs disagree with the stage",
    severity: "error",
    explanation: `The stage's inputs are passed to the kernel by name (the input's name, or the product's name when the
input has none: \`in flats: frame[…]\` passes \`flats\`). Every input the stage gives must be a property of
the kernel's first parameter, and every required property must be given.`,
  },
  DF3022: {
    title: "product type disagrees with the kernel",
    severity: "error",
    explanation: `The kernel reads or writes a product type different from the one the product declares, and the two
types are not compatible (the message names the first difference: a missing HDU or column, a dtype,
dims or unit). Both places are shown.`,
  },
  DF3023: {
    title: "gather where the kernel expects one product (or the reverse)",
    severity: "error",
    explanation: `A gathered input (\`… for e in exposure\`) reaches the kernel as an array or async iterable of handles
(\`readonly Handle<Frame>[]\`, \`AsyncIterable<Handle<Frame>>\` or \`Gather<Frame>\`); a plain input as one
\`Handle<Frame>\`.`,
  },
  DF3024: {
    title: "kernel outputs disagree with the stage",
    severity: "error",
    explanation: `The stage's outputs are the properties of the object the kernel returns, by name. Every output the
stage declares must be returned, and the kernel must return nothing else.`,
  },
  DF3025: {
    title: "kernel parameter disagrees with the stage",
    severity: "error",
    explanation: `\`param NAME = value\` in a stage sets a property of the kernel's second parameter. The property must
exist, the value must have its type (\`int\`, \`float\`, \`string\`, \`bool\`, a literal union), and every
parameter without a \`@default\` must be set.`,
  },
  DF3026: {
    title: "function is not a kernel",
    severity: "error",
    explanation: `A kernel is \`(inputs, params, ctx) => outputs\` (docs/conventions.md#kernel-contract); a grid kernel returns \`GridKeys\`, a
relation kernel \`RelationPairs\`. The function bound here does not have that shape, or is bound where the
other kind is needed; the message says why.`,
  },
  DF3027: {
    title: "malformed data-model tag",
    severity: "error",
    explanation: `A product type's JSDoc tags do not follow the vocabulary of docs/datamodel.md (\`@format\`, \`@hdu\`,
\`@dtype\`, \`@dims\`, \`@unit\`, \`@table\`, \`@column NAME dtype[dims] [unit]\`, \`@header KEY type\`), or a
member's TypeScript type disagrees with its dtype, or an \`extends\` entry is not an interface or \`Pick\`/\`Omit\` of
one (docs/datamodel.md, "Shared members"). The location is in the TypeScript file.`,
  },
  DF3028: {
    title: "malformed program stage",
    severity: "error",
    explanation: `A stage runs either a kernel (\`kernel calib.sky\`) or a program (\`run "prog" "--in" {flats} "--out" {sky}\`),
not both. Each \`run\` argument is one argv element: a string as written, or \`{NAME}\` naming one of the stage's
inputs (its paths), outputs (the temporary path the program writes), params, pipeline params or grid variables.
Every output must be given to the program, so that dflow knows where it is written. \`version\` needs a \`run\`
line, and \`run shell\` takes the script's text first (docs/program-stages.md).`,
  },
  DF3029: {
    title: "type error in a kernel module",
    severity: "error",
    explanation: `\`dflow check\` type-checks the TypeScript modules a pipeline imports (every file they reach outside the
standard library, which is checked when dflow is built), strictly, as ES2023 (with Node's globals when the project installs @types/node; a kernel does no I/O of
its own and logs through \`ctx.log\`). The message is TypeScript's, with its code (\`TS2322\`);
the location is in the TypeScript file. docs/kernels.md says how kernels are written and checked.`,
  },
  DF3030: {
    title: "unknown product type",
    severity: "error",
    explanation: `A product's type names an exported interface with \`@format\` in the data model (\`stdlib/datamodel\`)
or an imported module. \`dflow datamodel\` lists them.`,
  },
  DF3031: {
    title: "unknown column",
    severity: "error",
    explanation: `A grid or relation read from a product's column names a column its type does not have. The secondary
label points at the type's definition.`,
  },
  DF3040: {
    title: "unit mismatch",
    severity: "error",
    explanation: `A quantity's unit is not compatible with the unit declared where it is used (a kernel parameter's
\`@unit\`, a resource: \`time\` takes a duration, \`memory\` a data size). Units are compared parsed:
\`1e-17 erg/s/cm2/Angstrom\` and \`10**-17 erg/(s cm2 Angstrom)\` are the same unit.`,
  },
  DF4001: {
    title: "refactoring stage requested",
    severity: "error",
    explanation: `A stage marked \`status refactoring\` has code that is changing: it is not run or emitted, even when
its inputs are ready, unless \`--allow-refactoring\` is given.`,
  },
  DF4002: {
    title: "duplicate key in a key column",
    severity: "error",
    explanation: `A column grid marked \`key\` (\`grid exposure = exposures.EXPID key { … }\`) needs unique values:
each row is one key. The message names the file, the value and both rows. Without \`key\` the grid takes
the column's distinct values.`,
  },
  DF4003: {
    title: "table or column missing",
    severity: "error",
    explanation: `A grid or relation reads columns of a table product; the file has no such column, cannot be
read, or the product is not a single table file. The message names the file and the column.`,
  },
  DF4004: {
    title: "source product missing",
    severity: "error",
    explanation: `A product no stage writes is read from the output root (\`--out\`) at its path. The file does
not exist there, so the grids and relations read from it cannot be resolved.`,
  },
  DF4005: {
    title: "value of the wrong type",
    severity: "error",
    explanation: `A grid's range must have integer ends; a set's keys are numbers or words; a column declared
\`int\`, \`date\` or \`float\` must hold numbers. The message names the file, row and column.`,
  },
  DF4006: {
    title: "unsafe key",
    severity: "error",
    explanation: `Grid keys reach file paths, task ids and shell scripts. A key is a number or a word of letters,
digits, \`_\`, \`.\`, \`+\` and \`-\` that does not start with \`.\` or \`-\`: no \`/\`, no \`..\`, no spaces, quotes or
shell metacharacters. A key that breaks the rule is rejected where it is read, before anything runs.`,
  },
  DF4007: {
    title: "relation past its fan-out bound",
    severity: "error",
    explanation: `A relation may declare \`fanout N\`: no source key maps to more than N pairs. The data break that
bound; the message names the key and the count.`,
  },
  DF4008: {
    title: "attribute with two values for one key",
    severity: "error",
    explanation: `A column grid's attribute (\`night = NIGHT\`) must have exactly one value per key. The message names
the key and the two rows that disagree.`,
  },
  DF4012: {
    title: "relation row outside its grids",
    severity: "error",
    explanation: `A relation read from a table maps keys of its grids; a row names a value that is not a key of the
grid of that column.`,
  },
  DF4014: {
    title: "input never produced",
    severity: "error",
    explanation: `A task reads one product instance (not a gather) that no task of its producer writes, usually
because the producer's \`where\` filter excludes it. Gathers skip instances that are not produced.`,
  },
  DF4015: {
    title: "two keys share a file",
    severity: "error",
    explanation: `Two instances of a product render to the same path, which the static rule could not exclude (a key
longer than its field's width, for example). The message names both keys.`,
  },
  DF4016: {
    title: "grid or stage too large",
    severity: "error",
    explanation: `A grid may hold at most 16 million keys, and a stage at most 2^31 combinations of its grids'
keys. Usually a param has a wrong value (\`--set npetal=100000000\`).`,
  },
  DF4017: {
    title: "literal index outside its grid",
    severity: "error",
    explanation: `A product reference indexes an axis with a literal (\`frame[e, c, 0]\`) that is not a key of that
axis's grid, so no file can match it.`,
  },
  DF5003: {
    title: "invalid param setting",
    severity: "error",
    explanation: `\`--profile NAME\` selects a profile the file declares; \`--set name=value\` sets a declared param to a
value of its type. Every param needs a value from its default, the profile or \`--set\`.`,
  },
  DF5004: {
    title: "invalid site profile",
    severity: "error",
    explanation: `A site profile (\`--site FILE.yaml\`) is a YAML mapping with the keys name, partition, account, qos,
constraint, cores_per_node, memory_per_node, time_factor, array_throttle (elements of one array running at once),
node_hours (the allocation), setup (shell lines run first in every job), and Slurm's own limit names MaxArraySize,
MaxSubmitJobs and MaxJobCount. Numbers must be positive.`,
  },
  DF5005: {
    title: "pipeline cannot run",
    severity: "error",
    explanation: `\`dflow run\` needs every kernel of the pipeline: the kernel index of its imports could not be read,
or a kernel could not be loaded. \`dflow check\` says why.`,
  },
  DF5006: {
    title: "plan over the site's budget",
    severity: "error",
    explanation: `Before \`dflow emit slurm\` writes anything it lays the plan out as job arrays and checks them against the
site profile: no array above MaxArraySize, no more queued jobs (array elements) than MaxSubmitJobs, no more job
records than MaxJobCount, and no more node-hours than the site's \`node_hours\` allocation when it sets one. Stages
without \`pack\` are packed by the cost model (a common number of tasks per element) to fit MaxSubmitJobs; a plan
that still does not fit needs larger \`pack\` values or a smaller selection (\`--only\`).`,
  },
  DF5007: {
    title: "plan already submitted",
    severity: "error",
    explanation: `An emit directory whose \`ledger.tsv\` lists submitted jobs is not written over: its ledger is how \`dflow status\`
and \`dflow resubmit\` follow the jobs. Use those, or emit into a new directory.`,
  },
  DF5008: {
    title: "frontier could not be computed",
    severity: "error",
    explanation: `A grid or relation computed by a kernel (the plan's frontier) had its inputs on disk, but the kernel failed
or returned what cannot be a grid or a relation. A grid kernel returns \`{ keys }\`, each key a whole number (a bigint past
2^53) or a string, each once: NaN, an infinity, a fraction or a duplicate names no task. A relation kernel returns
\`{ pairs }\`, each pair one key per variable of the relation. The message names the kernel and the key; fix the kernel.`,
  },
  DF5009: {
    title: "value unusable in an #SBATCH line",
    severity: "error",
    explanation: `Job scripts carry their options on \`#SBATCH\` lines, which sbatch splits on blanks and whose quotes it reads
itself: the site's partition, account, qos and constraint must be plain words (letters, digits and \`_.,:=@%+/-\`).
Nothing is written when one is not. Paths (the emit directory's log paths) go on sbatch's command line instead (DF5018).`,
  },
  DF5010: {
    title: "no Slurm emission in the directory",
    severity: "error",
    explanation: `\`dflow status\`, \`dflow resubmit\` and \`dflow continue\` take the \`--emit-dir\` of \`dflow emit slurm\`: a
directory holding \`emit.json\` (what the plan was made from), \`submit.sh\` and, once submitted, \`ledger.tsv\`.
The directory given holds no \`emit.json\`.`,
  },
  DF5011: {
    title: "output root of another pipeline",
    severity: "error",
    explanation: `An output root holds one pipeline's products and run state; \`.dflow/pipeline.json\` under it names that
pipeline and its file. \`dflow run\` and \`dflow emit\` refuse a root that belongs to another pipeline: two
pipelines may write the same path with different types (\`survey/exposures.ecsv\`), and each would read the
other's files as its own. A root made before dflow recorded owners is identified by its state records: it is
adopted when they are all of this pipeline's stages, else refused, naming their stages. Without \`--out\` every
pipeline has its own root, \`./out/<pipeline name>\`; give \`--out\` a directory of its own, or remove the old root when its products are no longer wanted.`,
  },
  DF5018: {
    title: "path unusable in an emitted Makefile or script",
    severity: "error",
    explanation: `\`dflow emit make\` and \`dflow emit slurm\` write the emit directory, the output root and the paths of node
and dflow into the files they emit, by one rule: each is quoted for where it goes (quotes in shell words; in make rules
\`$\`, \`#\`, blanks and \`:\` escaped, \`=\` and \`;\` through variables; log paths on sbatch's command line rather than
on an \`#SBATCH\` line), so blanks, quotes, \`;\`, \`(\`, \`&\`, \`=\` and \`$\` are safe. No quoting exists for a line break
or a tab (they end or split a line in a Makefile), a backslash (an escape to make and in sbatch's log paths), \`%\` (a
pattern rule to make, a job field to sbatch), \`*\`, \`?\` and \`[\` (make globs them) or \`|\` (make splits prerequisites
there, escaped or not). Nothing is written when a path holds one of these: give \`--emit-dir\` or \`--out\` a path
without them.`,
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
  DF5012: {
    title: "no plan in the directory",
    severity: "error",
    explanation: `\`dflow task\` takes the \`--emit-dir\` of \`dflow emit plan\` (or of \`emit make\` and \`emit slurm\`, which write
the plan there too): a directory holding \`plan.json\`, \`types.json\`, \`stages.json\`, \`tasks.bin\` and
\`strings.bin\`. The directory given does not exist or holds no \`plan.json\`.`,
  },
  DF5013: {
    title: "plan damaged",
    severity: "error",
    explanation: `The files of an emitted plan agree with each other: \`stages.json\` says how many tasks each stage has
and where their rows lie in \`tasks.bin\` and \`strings.bin\`. A file is missing, is not the JSON expected, or is
shorter than the stages imply (a copy cut short, a full disk, an edit by hand). Nothing is run from a damaged
plan: emit it again with the same command.`,
  },
  DF5014: {
    title: "task not in the plan",
    severity: "error",
    explanation: `\`dflow task\` takes ids as the plan names its tasks: \`stage[label=value,…]\`, or \`stage:i\` for task \`i\`
(from 0) of a stage. The stage must be one of the plan's stages, \`i\` below its number of tasks, and the labels
and values those of one of its tasks. \`dflow plan FILE --tasks\` lists them.`,
  },
  DF5015: {
    title: "task failed",
    severity: "error",
    explanation: `A kernel threw, or its outputs did not pass validation. Its log (the path in the message, under the
output root's \`.dflow/logs\`) holds the error and the kernel's output; tasks that read its outputs are not run.
Fix the input or the kernel and run again: tasks already done are not run twice.`,
  },
  DF5016: {
    title: "output directory unusable",
    severity: "error",
    explanation: `\`--out\` and \`--emit-dir\` name directories that dflow creates when they do not exist and writes into. The path
given is a file or a symbolic link to nothing, lies under one, is a directory (or would be created in one) that
cannot be written, or the system refuses to create it (a read-only file system, \`/proc\`). The same holds for the
directories dflow makes under them, such as \`OUT/.dflow\`. Give a directory path that is writable, or remove the file
or link in the way.`,
  },
  DF5017: {
    title: "file could not be written",
    severity: "error",
    explanation: `The operating system refused a write (a full disk, a read-only file system, missing permissions, or a file
where a directory should be). The message names the file and the system's reason; free the space or fix the
permissions and run the command again.`,
  },
  DF6001: {
    title: "unused product",
    severity: "warning",
    explanation: `A product is declared but no stage writes it and nothing reads it: no stage takes it as an input, and no
grid or relation is read from its columns. It is dead text that a reader must still understand.

    product qa[exposure] : QaReport at "qa/{exposure}.json"   # declared, never written nor read

Remove it, or write it from the stage meant to make it. A product that a stage writes and nothing reads is a
result of the pipeline, not unused; a product nothing writes but a stage reads is a source read from disk.`,
  },
  DF6002: {
    title: "unused param",
    severity: "warning",
    explanation: `A param is declared but nothing refers to it: no stage passes it to a kernel, and no grid, relation,
resource, \`where\` clause or path template uses it. Setting it (in a profile or with \`--set\`) changes nothing.

    param gain: float = 1.0        # no \`param gain = gain\` in any stage

Pass it to the kernel that needs it (\`param gain = gain\` in the stage), or remove it and its profile entries.`,
  },
  DF6003: {
    title: "param default shadowed by every profile",
    severity: "warning",
    explanation: `Every profile of the pipeline sets this param, and one profile is the default: the value written in the
\`param\` line is never used, so changing it has no effect, which a reviewer cannot see from the change.

    param nside: int = 64
    profile mini default { nside = 64 }
    profile week { nside = 32 }     # \`= 64\` above is never read

Remove the entry from the profiles whose value equals the default (the default then shows through), or make
the \`param\` line required (no default) if every profile must choose.`,
  },
  DF6004: {
    title: "unreachable stage",
    severity: "warning",
    explanation: `The stage expands to no task in the plan, although its grids are known: its \`where\` clause, or the
grids and relations it iterates, leave nothing to do at the profile planned. Its kernel never runs and its outputs
are never made, so every stage downstream of it waits forever.

Check the \`where\` clause and the grids' domains at this profile (\`dflow plan --list\`). A stage whose grid is
computed from data not made yet is not reported: it is on the plan's frontier, not unreachable.`,
  },
  DF6005: {
    title: "stage without a time estimate",
    severity: "warning",
    explanation: `The stage declares no \`time\`. Plans, core-hour figures and batch jobs then count a default time per task,
which is rarely right: a Slurm job asks for the wrong wall time and a cost estimate in a review is wrong.

    stage sky[e: exposure, c: camera] {
      ...
      time 2min per 500 spectra     # an estimate, scaled by the work
    }

Give the stage a \`time\` line: a duration, or a cost model (\`per\` an amount of work).`,
  },
  DF6006: {
    title: "gather larger than the bound",
    severity: "warning",
    explanation: `A gather input gives one task more items than the bound (\`gather-max\` in \`dflow.yaml\`, 10000 by
default). Such a task opens that many files, holds their handles and runs alone for as long as they take to read:
it is often a missing partition (gather per night, not per survey) or a relation that fans out more than meant.

Partition the gather with a narrower relation or a \`where\` clause, or raise the bound in \`dflow.yaml\`
(\`lint: { gather-max: 50000 }\`) when the size is intended.`,
  },
  DF6007: {
    title: "node-hours over the site's allocation",
    severity: "warning",
    explanation: `With \`--site FILE\`, the plan's tasks cost more node-hours than the site profile's \`node_hours\`
allocation: core-hours (time × cores × ranks per task, times the site's \`time_factor\`) divided by the site's
\`cores_per_node\`. The figure counts every task the plan reaches; grids past its frontier add more.

Lower the cost (fewer tasks, cheaper stages), or plan against a site with a larger allocation.`,
  },
  DF6008: {
    title: "param without a doc comment",
    severity: "warning",
    explanation: `A param is the pipeline's interface: profiles and \`--set\` change it. Say what it means, in its units, in a
\`#\` comment on the lines right above it (no blank line between) or at the end of its line.

    # Healpix resolution of the regrouped spectra (nested ordering).
    param nside: int = 64`,
  },
  DF6009: {
    title: "invalid lint configuration",
    severity: "error",
    explanation: `The \`dflow.yaml\` that \`dflow lint\` read (beside the linted file or in a folder above it, or given with
\`--config\`) is not valid. Its lint section reads:

    lint:
      rules:
        DF6005: error        # or by name: stage-without-time: error
        param-without-doc: off
      gather-max: 10000

A rule is named by its code or its name; a severity is \`off\`, \`note\`, \`warning\` or \`error\`; \`gather-max\` is a
whole number greater than zero. \`dflow explain\` prints each rule; docs/lint.md lists them.`,
  },
  DF7001: {
    title: "product removed under a consumer",
    severity: "error",
    explanation: `\`dflow diff\` found a product of the base pipeline that the head no longer declares, while something
consumed it in the base: a stage read it, a grid or relation read its columns, or it was a result of the pipeline
(written and read by no stage: what users and later pipelines read). A breaking change: whoever read it finds
nothing. Keep the product, or say in the change who reads it now. \`dflow diff\` exits 1 on breaking changes.`,
  },
  DF7002: {
    title: "product type changed under a consumer",
    severity: "error",
    explanation: `A product keeps its name, but its type (the data model's interface) is another in the head, while a stage,
a grid or a relation reads it, or it is a result of the pipeline. Readers of the old type now find other columns
and HDUs. A breaking change; give the new product a new name when both must exist for a while.`,
  },
  DF7003: {
    title: "grid changed under a consumer",
    severity: "error",
    explanation: `A grid's declaration changed (its domain, its key column, its attributes) while products on that grid are
read: their partitions are not the ones their readers were planned with, and files of the old partitions are
orphaned. A breaking change; \`dflow diff\` lists the partitions that go stale and the orphaned outputs.`,
  },
  DF7004: {
    title: "column removed that a consumer reads",
    severity: "error",
    explanation: `A column of a product type is gone from the head's data model (removed or renamed), and the code of a kernel
that consumes a product of that type still reads it: \`dflow diff\` looks for the column's name as a property
(\`table.EXPTIME\`) or a string (\`"EXPTIME"\`) in every file of the consumer's import closure, with ts-morph.
Both places are shown: the column in the base's data model and the read in the head's kernel. Update the kernel,
or keep the column.`,
  },
  DF7005: {
    title: "new required param",
    severity: "warning",
    explanation: `The head declares a param without a default: every run must now set it (\`--set\`, or a profile), and
command lines and CI jobs written for the base stop planning. A dangerous change: give it a default when one
value serves most runs.`,
  },
  DF7006: {
    title: "partition change",
    severity: "warning",
    explanation: `A product's axes or path, or a stage's variables, differ between base and head: the same data is now cut
and named otherwise. Outputs of the old layout are orphaned and readers of the paths outside dflow must follow.
A dangerous change; \`dflow diff\` lists the orphaned outputs found under \`--out\`.`,
  },
  DF7007: {
    title: "column removed that no consumer is known to read",
    severity: "warning",
    explanation: `A column of a product type is gone from the head's data model, and no consumer kernel's code reads it (as
far as a search of their sources can tell). Readers outside the pipeline may still: a dangerous change.`,
  },
  DF7008: {
    title: "safe change",
    severity: "note",
    explanation: `A change that breaks no consumer: a param's default or a stage's param, a kernel's source, a stage's
resources, a product or stage added, a profile edited. It may still make tasks stale: \`dflow diff\` lists them
with the reason, the jobs to rerun and their core-hours.`,
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
