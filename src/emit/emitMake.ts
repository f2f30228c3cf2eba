import { createHash } from "node:crypto";
import { existsSync, readFileSync, utimesSync } from "node:fs";
import path from "node:path";
import type { BoundPipeline } from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { pathPieces, staleTasks, type PathPiece, type Plan } from "../plan/index.js";
import { forEachInput, outputRenderer, refineByFingerprint, writePlanFile, type CompactPlan, type CompactStage, type TaskRecord } from "../runtime/index.js";
import { writeFileAtomic } from "../util/writeFileAtomic.js";
import { DFLOW_VERSION } from "../version.js";
import { MAKE_SPECIAL, makeRecipeValue, makeRecipeWord, makeRulePath, makeVarPath, refusedPaths, type EmittedPaths } from "./emittedPaths.js";

/** What the Makefile needs: where products, the plan and the stamps live, and how to call dflow. */
export interface MakeTarget {
  readonly source: string;
  readonly out: string;
  readonly planDir: string;
  readonly stampDir: string;
  readonly node: string;
  readonly dflow: string;
  /** With `--only`: per task of the plan, 1 when it is selected or needed upstream; `all` is then their outputs. */
  readonly selected?: Uint8Array;
}

/** Bytes of rules gathered before a chunk is handed to the writer. */
const CHUNK = 1 << 20;

/** An output buffer of bytes that grows as needed; `take` hands over what it holds. */
class ByteSink {
  buf = Buffer.allocUnsafe(CHUNK + (CHUNK >> 2));
  pos = 0;
  /** Room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.pos + n));
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }
  str(s: string): void {
    this.ensure(3 * s.length);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    const out = this.buf;
    let p = this.pos;
    for (let k = 0; k < b.length; k++) out[p++] = b[k]!;
    this.pos = p;
  }
  /** A non-negative integer in decimal. */
  int(v: number): void {
    this.ensure(16);
    const out = this.buf;
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    let x = v;
    do {
      out[--p] = 48 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
  }
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(CHUNK + (CHUNK >> 2));
    this.pos = 0;
    return out;
  }
}

/**
 * A product's path template compiled to bytes: literal bytes, or per key index of an axis the
 * bytes of the rendered field, so a path is copied into the sink without making a string.
 */
class BytePath {
  readonly #lits: (Uint8Array | undefined)[] = [];
  readonly #axes: Int32Array;
  readonly #data: (Uint8Array | undefined)[] = [];
  readonly #offs: (Int32Array | undefined)[] = [];
  /** The longest path's bytes. */
  readonly max: number;
  constructor(pieces: readonly PathPiece[]) {
    this.#axes = new Int32Array(pieces.length);
    let max = 0;
    pieces.forEach((p, n) => {
      if (typeof p === "string") {
        const b = Buffer.from(p, "utf8");
        this.#lits.push(b);
        this.#data.push(undefined);
        this.#offs.push(undefined);
        max += b.length;
        return;
      }
      const parts = p.table.map((e) => Buffer.from(e, "utf8"));
      const offs = new Int32Array(parts.length + 1);
      parts.forEach((x, i) => (offs[i + 1] = offs[i]! + x.length));
      this.#lits.push(undefined);
      this.#axes[n] = p.axis;
      this.#data.push(Buffer.concat(parts));
      this.#offs.push(offs);
      max += parts.reduce((m, x) => Math.max(m, x.length), 0);
    });
    this.max = max;
  }
  /** Copies the path of the instance with key indices `keys` into the sink (which has room for {@link max} bytes). */
  write(sink: ByteSink, keys: Int32Array): void {
    const out = sink.buf;
    let pos = sink.pos;
    for (let n = 0; n < this.#lits.length; n++) {
      const lit = this.#lits[n];
      if (lit !== undefined) {
        for (let k = 0; k < lit.length; k++) out[pos++] = lit[k]!;
        continue;
      }
      const data = this.#data[n]!;
      const offs = this.#offs[n]!;
      const key = keys[this.#axes[n]!]!;
      const to = offs[key + 1]!;
      for (let k = offs[key]!; k < to; k++) out[pos++] = data[k]!;
    }
    sink.pos = pos;
  }
}

/**
 * The Makefile of a plan, streamed in chunks of about a megabyte: one rule per task whose
 * targets are its outputs (grouped with `&:` when it has several), whose prerequisites are its
 * inputs and its stage's fingerprint stamp (a file holding the stage's kernel closure, params
 * and seed, rewritten only when they change, so a param change reruns the stage's tasks), and
 * whose recipe runs `dflow task` on the emitted plan with the task's short id (`stage:i`, the
 * stage's task `i` in the plan). Paths are relative to the output root `$O`, the command is
 * `$T`, the stamps `$(S<n>)`, so a rule holds little more than its paths. Built-in rules are
 * off, `.DELETE_ON_ERROR` is set, and each stage has a phony target. Paths are copied as bytes
 * from their templates' compiled tables: no string is made per task.
 */
export function* makefileChunks(plan: CompactPlan, t: MakeTarget): Generator<Uint8Array> {
  const stages = plan.stages.filter((s) => s.record !== null);
  const sink = new ByteSink();
  sink.str(`# Generated by dflow ${DFLOW_VERSION} from ${t.source.replace(/[\n\r]/g, " ")}. Do not edit: \`dflow emit make\` writes it again.\n`);
  // Read before the line below adds to MAKEFLAGS: its first word holds make's one-letter flags.
  sink.str(`# Under -n, -q and -t (a dry run, a question, a touch) the outputs are not verified and nothing is removed.\nDRY := ${DRY_FLAGS}\n`);
  sink.str(
    "MAKEFLAGS += --no-builtin-rules\n.SUFFIXES:\n.DELETE_ON_ERROR:\n.DEFAULT_GOAL := all\n# In rule lines, = is written $(EQ) and ; $(SEMI): make has no escape for them there.\nEQ := =\nSEMI := \\;\n\n",
  );
  // Recipe values are shell words (quoted once, then escaped for make); paths in rule lines are escaped for make.
  sink.str(`DFLOW := ${makeRecipeValue(t.node, t.dflow)}\nPLAN := ${makeRecipeValue(t.planDir)}\n`);
  sink.str(`# The output root, the task command, and each stage's fingerprint stamp.\nO := ${makeVarPath(t.out)}\nT := $(DFLOW) task $(PLAN)\n`);
  stages.forEach((s, n) => sink.str(`S${n} := ${makeVarPath(path.join(t.stampDir, stampName(s.record!)))}\n`));
  sink.str("\n");
  sink.str(verifyRule(t));
  // Per product: its byte template, unless its paths can hold what make reads as syntax (then each is rendered and escaped).
  const bytePaths = plan.products.map((p) => {
    const pieces = pathPieces(plan.graph.paths.get(p.name)!);
    const special = pieces === undefined || pieces.some((x) => (typeof x === "string" ? MAKE_SPECIAL.test(x) : x.table.some((e) => MAKE_SPECIAL.test(e))));
    return special ? undefined : new BytePath(pieces);
  });
  const ROOT = Buffer.from(" $O/");
  /** Writes output `o` of task `i` of a stage, with `$O/` before it. */
  const writers = new Map<CompactStage, ((i: number) => void)[]>();
  const outputWriters = (s: CompactStage): ((i: number) => void)[] => {
    let w = writers.get(s);
    if (w === undefined) {
      w = s.outputs.map((o, n) => {
        const bp = bytePaths[o.product];
        if (bp === undefined || o.explicit) {
          const render = outputRenderer(plan, s, n);
          return (i: number) => {
            sink.bytes(ROOT);
            sink.str(makeRulePath(render(i)));
          };
        }
        const tuple = new Int32Array(o.vars.length);
        const cols = o.vars.map((v) => s.tasks.keys[v]!);
        return (i: number) => {
          sink.ensure(bp.max + ROOT.length);
          sink.bytes(ROOT);
          for (let a = 0; a < cols.length; a++) tuple[a] = cols[a]![i]!;
          bp.write(sink, tuple);
        };
      });
      writers.set(s, w);
    }
    return w;
  };
  const sourceWriters = plan.products.map((p, n) => {
    const bp = bytePaths[n];
    const tuple = new Int32Array(p.arity);
    const render = plan.graph.paths.get(p.name)!;
    return (data: Int32Array, at: number): void => {
      for (let a = 0; a < tuple.length; a++) tuple[a] = data[at + a]!;
      if (bp === undefined) {
        sink.bytes(ROOT);
        sink.str(makeRulePath(render(tuple)));
        return;
      }
      sink.ensure(bp.max + ROOT.length);
      sink.bytes(ROOT);
      bp.write(sink, tuple);
    };
  });
  const COLON = Buffer.from(":");
  const GROUPED = Buffer.from(" &:");
  for (let n = 0; n < stages.length; n++) {
    const s = stages[n]!;
    const outs = outputWriters(s);
    const recipe = Buffer.from(` $(S${n})\n\t$T ${makeRecipeWord(s.tasks.name + ":")}`);
    const grouped = outs.length > 1 ? GROUPED : COLON;
    let lastStage: CompactStage | undefined;
    let lastWriters: ((i: number) => void)[] = [];
    const visit = (_item: number, producer: number, o: number, at: number, ps: CompactStage | undefined): void => {
      if (producer >= 0 && ps !== undefined) {
        if (ps !== lastStage) {
          lastStage = ps;
          lastWriters = outputWriters(ps);
        }
        lastWriters[o]!(producer - ps.tasks.first);
      } else sourceWriters[o]!(s.data, at);
    };
    // The stage's phony target, its prerequisites (the rules' targets, copied as written) a few hundred to a line.
    const head = Buffer.from(`stage-${s.tasks.name}:`);
    const phony = new ByteSink();
    for (let i = 0; i < s.tasks.count; i++) {
      const start = sink.pos;
      for (let o = 0; o < outs.length; o++) outs[o]!(i);
      const length = sink.pos - start;
      if (i % 256 === 0) {
        if (i > 0) phony.bytes(NEWLINE);
        phony.bytes(head);
      }
      phony.ensure(length);
      const from = sink.buf;
      const to = phony.buf;
      let q = phony.pos;
      for (let k = start; k < start + length; k++) to[q++] = from[k]!;
      phony.pos = q;
      // The first target goes without the space before `$O/`.
      sink.buf.copyWithin(start, start + 1, sink.pos);
      sink.pos--;
      sink.bytes(grouped);
      forEachInput(plan, s, i, visit);
      sink.bytes(recipe);
      sink.int(i);
      sink.bytes(NEWLINE);
      if (sink.pos > CHUNK) yield sink.take();
    }
    sink.str(`\n.PHONY: stage-${s.tasks.name}\n`);
    yield sink.take();
    if (s.tasks.count > 0) phony.bytes(NEWLINE);
    yield phony.take();
    sink.bytes(NEWLINE);
  }
  if (t.selected === undefined) sink.str(`.PHONY: all\nall: ${stages.map((s) => `stage-${s.tasks.name}`).join(" ")}\n`);
  else {
    // `--only`: the default goal is the outputs of the selected tasks and of those they need.
    sink.str(".PHONY: all\nall:");
    for (const s of stages) {
      const outs = outputWriters(s);
      for (let i = 0; i < s.tasks.count; i++) {
        if (t.selected[s.tasks.first + i] !== 1) continue;
        for (const w of outs) w(i);
        if (sink.pos > CHUNK) yield sink.take();
      }
    }
    sink.str("\n");
  }
  yield sink.take();
}
const NEWLINE = Buffer.from("\n");

/** Make's one-letter flags among n, q and t (empty when none is given), from the first word of MAKEFLAGS as make sets it before reading the Makefile. */
const DRY_FLAGS = ["n", "q", "t"].map((f) => `$(findstring ${f},$(firstword -$(MAKEFLAGS)))`).join("");

/** The file an emitted Makefile includes, remade first by the verification pass. */
export const VERIFIED_MAKEFILE = "verified.mk";

/**
 * The verification pass of an emitted Makefile: it includes {@link VERIFIED_MAKEFILE}, whose rule
 * (a phony prerequisite makes it run on every make) is `dflow task PLAN --verify-outputs FILE`.
 * GNU make remakes an included makefile before it looks at any goal, so the pass removes every
 * output that is not what the state records before make compares times; make then remakes those
 * outputs and, by times, what depends on them. The pass writes the file only when it removed
 * something, and make, seeing it changed, reads the Makefile again (`MAKE_RESTARTS` is then set,
 * and the rule is left out: the pass runs once per make). `make DFLOW_VERIFY=1` has the pass hash
 * every output (`--verify`). Left out under -n, -q and -t, so that a dry run costs nothing and
 * removes nothing.
 */
function verifyRule(t: MakeTarget): string {
  const file = path.join(path.dirname(t.planDir), VERIFIED_MAKEFILE);
  return (
    "# Verification first: outputs whose size, time or hash is not what their task's state records are removed, so make remakes\n" +
    "# them and what depends on them (once per make; `make DFLOW_VERIFY=1` hashes every output; not under -n, -q, -t).\n" +
    // The file as a rule's target, as `include` reads it (a blank escaped, nothing else), and as a shell word.
    `VERIFIED := ${makeVarPath(file)}\nVERIFIED_INCLUDE := ${file.replace(/\$/g, "$$$$").replace(/#/g, "\\#").replace(/ /g, "\\ ")}\n` +
    `VERIFIED_WORD := ${makeRecipeValue(file)}\n` +
    "ifeq ($(MAKE_RESTARTS)$(DRY),)\n" +
    "$(VERIFIED): dflow-verify-outputs\n" +
    `\t@$(DFLOW) task $(PLAN) --verify-outputs $(VERIFIED_WORD)$(if $(DFLOW_VERIFY), --verify)\n` +
    ".PHONY: dflow-verify-outputs\ndflow-verify-outputs:\nendif\ninclude $(VERIFIED_INCLUDE)\n\n"
  );
}

/** The text of {@link VERIFIED_MAKEFILE}: comments only, naming what the last pass that removed anything removed (at most 20, then a count). */
export function verifiedMakefileText(removed: readonly { readonly task: string; readonly path: string; readonly how: string }[], when: Date): string {
  const head = "# Written by `dflow task --verify-outputs` (the first step of the Makefile beside it) when it removes outputs changed on disk.\n";
  if (removed.length === 0) return head + "# Nothing removed yet.\n";
  const shown = removed.slice(0, 20).map((c) => `#   ${c.path} (${c.how}), of ${c.task}\n`.replace(/[\r\n\\](?!$)/g, " "));
  const more = removed.length > 20 ? [`#   and ${removed.length - 20} more\n`] : [];
  return head + `# ${when.toISOString()}: removed ${removed.length}:\n` + shown.join("") + more.join("");
}

/**
 * The stamp file of a task's stage: what a task's fingerprint depends on besides its inputs
 * (kernel, its import closure, params, seed) is the same for every task of a stage, so one
 * stamp per stage serves them all. Named by a hash: stage names are words, but a stamp name
 * must never hold what make reads as syntax.
 */
export function stampName(r: Pick<TaskRecord, "stage">): string {
  return "stage-" + createHash("sha256").update(r.stage).digest("hex").slice(0, 16) + ".stamp";
}

/** The content of a stage's stamp. */
export function stampContent(r: TaskRecord): string {
  return JSON.stringify({ stage: r.stage, kernel: r.kernel, closure: r.closure, params: r.params, seed: r.seed }) + "\n";
}

/** The emitted Makefile (for callers that write artifacts with one writer), in chunks of bytes. */
export function emitMakefile(plan: CompactPlan, t: MakeTarget): { readonly path: string; readonly chunks: Iterable<Uint8Array> } {
  return { path: "Makefile", chunks: makefileChunks(plan, t) };
}

/**
 * The stages whose every task is up to date by its fingerprint (run state under the output
 * root), computed on first call: a new stamp of such a stage is dated to the epoch, so that
 * make, comparing times, agrees with the fingerprints that outputs made by `dflow run` are
 * current. A root without run state has none (outputs put there by hand prove nothing).
 */
function upToDateStages(pipeline: BoundPipeline, plan: Plan): () => ReadonlySet<string> {
  let stages: Set<string> | undefined;
  return () => {
    if (stages !== undefined) return stages;
    stages = new Set();
    if (!existsSync(path.join(plan.out, ".dflow", "state"))) return stages;
    const g = plan.graph;
    const state = staleTasks(g, plan.out);
    refineByFingerprint(plan, pipeline, state);
    for (const s of g.stages) if (s.count > 0 && state.subarray(s.first, s.first + s.count).every((x) => x === 0)) stages.add(s.name);
    return stages;
  };
}

/** The paths a Makefile would hold that cannot go in (see `pathProblem`), one DF5018 each; checked before anything is written. */
export function makePathsRefused(paths: EmittedPaths): Diagnostic[] {
  return refusedPaths(paths, "a Makefile");
}

/**
 * Writes a Make emission under `dir`: the plan file (`plan/`), each stage's stamp (`stamps/`,
 * rewritten only when its content changes, so make sees a param change) and the Makefile.
 * Returns the Makefile's path and its number of rules; refuses (DF5018, nothing written) an
 * emit directory, output root or program path that a Makefile cannot hold.
 */
export function writeMakeEmission(
  pipeline: BoundPipeline,
  plan: Plan,
  dir: string,
  how: { readonly source: string; readonly node: string; readonly dflow: string; readonly selected?: Uint8Array },
): { value: { makefile: string; rules: number } | undefined; diagnostics: Diagnostic[] } {
  const refused = makePathsRefused({ emitDir: dir, out: plan.out, node: how.node, dflow: how.dflow });
  if (refused.length > 0) return { value: undefined, diagnostics: refused };
  const planDir = path.join(dir, "plan");
  const stampDir = path.join(dir, "stamps");
  const { compact } = writePlanFile(pipeline, plan, planDir);
  let rules = 0;
  const current = upToDateStages(pipeline, plan);
  for (const s of compact.stages) {
    if (s.record === null) continue;
    rules += s.tasks.count;
    const stamp = path.join(stampDir, stampName(s.record));
    const content = stampContent(s.record);
    if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== content) {
      writeFileAtomic(stamp, content, { fsync: false });
      // A stage `dflow run` already made with these params: its outputs must not look older than the stamp.
      if (current().has(s.tasks.name)) utimesSync(stamp, 0, 0);
    }
  }
  const mf = emitMakefile(compact, {
    source: how.source,
    out: plan.out,
    planDir,
    stampDir,
    node: how.node,
    dflow: how.dflow,
    ...(how.selected !== undefined ? { selected: how.selected } : {}),
  });
  const verified = path.join(dir, VERIFIED_MAKEFILE);
  if (!existsSync(verified)) writeFileAtomic(verified, verifiedMakefileText([], new Date()), { fsync: false });
  const file = path.join(dir, mf.path);
  // Not fsync'd: a Makefile lost in a power cut is emitted again.
  writeFileAtomic(file, mf.chunks, { fsync: false });
  return { value: { makefile: file, rules }, diagnostics: [] };
}
