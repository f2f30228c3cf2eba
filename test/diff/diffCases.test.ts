/**
 * `dflow diff` as a table: each row a base/head pair of the fixture pipeline (test/diff/fixture.ts)
 * and what the diff must find: the codes of its classified changes, the stale tasks per stage
 * and the reasons. The plan of the fixture: survey (1 task) → make[n] (4) → double[n] (4) → total (1).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffPipelines, type DiffResult } from "../../src/diff/index.js";
import { renderDiff } from "../../src/diff/index.js";
import { tempDir, writeVersion, type Edit } from "./fixture.js";

interface Case {
  readonly name: string;
  readonly dflow?: readonly Edit[];
  readonly kernels?: readonly Edit[];
  /** The codes of the changes, sorted. */
  readonly codes: readonly string[];
  /** Stage → stale tasks and reasons (reason → tasks); stages not named have none stale. */
  readonly stale: Readonly<Record<string, { readonly n: number; readonly why: Readonly<Record<string, number>> }>>;
  /** Files to make under the output root before the diff (the base's outputs). */
  readonly files?: readonly string[];
  readonly orphans?: readonly string[];
  /** Stage → its stale tasks as key ranges, for the stages named. */
  readonly ranges?: Readonly<Record<string, readonly string[]>>;
}

/** Every task stale because the kernels' one file changed. */
const ALL_KERNEL = {
  survey: { n: 1, why: { "kernel kernels/index.ts": 1 } },
  make: { n: 4, why: { "kernel kernels/index.ts": 4 } },
  double: { n: 4, why: { "kernel kernels/index.ts": 4 } },
  total: { n: 1, why: { "kernel kernels/index.ts": 1 } },
};

const CASES: readonly Case[] = [
  { name: "identical versions", codes: [], stale: {} },
  {
    name: "a comment and spacing only",
    dflow: [["stage double[i: n] {\n  in item[i]", "# doubled\nstage double[i: n] {\n  in   item[i]"]],
    codes: [],
    stale: {},
  },
  {
    name: "a param's default: the stage using it and what reads it",
    dflow: [["param factor: float = 2", "param factor: float = 3"]],
    codes: ["DF7008"],
    stale: { double: { n: 4, why: { "param factor 2→3": 4 } }, total: { n: 1, why: { "input double": 1 } } },
  },
  {
    name: "a stage's param: that stage and downstream",
    dflow: [["  param factor = factor\n", "  param factor = 5\n"]],
    codes: ["DF7008"],
    stale: { double: { n: 4, why: { "param factor 2→5": 4 } }, total: { n: 1, why: { "input double": 1 } } },
  },
  {
    name: "a kernel's source",
    kernels: [["let s = 0;", "let s = 0.0;"]],
    // One file holds every kernel: each stage's closure changed.
    codes: ["DF7008", "DF7008", "DF7008", "DF7008"],
    stale: ALL_KERNEL,
  },
  {
    name: "resources only: nothing stale",
    dflow: [["  time 2min\n", "  time 3min\n"]],
    codes: ["DF7008"],
    stale: {},
  },
  {
    name: "a grid grows: new partitions, a gather with more inputs",
    dflow: [["grid n = 0..3", "grid n = 0..5"]],
    codes: ["DF7003"],
    stale: {
      make: { n: 2, why: { "new partition": 2 } },
      double: { n: 2, why: { "new partition": 2 } },
      total: { n: 1, why: { "input set changed": 1 } },
    },
    ranges: { make: ["make[n=4..5]"], double: ["double[n=4..5]"], total: ["total"] },
  },
  {
    name: "a new required param",
    dflow: [["grid n = 0..3", 'param tag: string\nprofile p default { tag = "x" }\ngrid n = 0..3']],
    codes: ["DF7005", "DF7008"],
    stale: {},
  },
  {
    name: "a product removed that was a result",
    dflow: [
      ["stage total {\n  in twice: twice[i] for i in n\n  out total\n  kernel k.total\n  time 10s\n}\n", ""],
      ['product total : Num at "total.json"\n', ""],
    ],
    codes: ["DF7001", "DF7008"],
    stale: {},
  },
  {
    name: "a product's path: a partition change, its outputs orphaned",
    dflow: [['"twice/twice-{n}.json"', '"twice/{n}/twice.json"']],
    codes: ["DF7006"],
    stale: { double: { n: 4, why: { "outputs moved": 4 } }, total: { n: 1, why: { "input double": 1 } } },
    files: ["twice/twice-0.json", "twice/twice-2.json", "item/item-0.json"],
    orphans: ["twice/twice-0.json", "twice/twice-2.json"],
  },
  {
    name: "a product's type under its consumer",
    dflow: [["product twice[n] : Num at", "product twice[n] : Num2 at"]],
    kernels: [
      [
        "export interface Num {",
        "export interface Num2 {\n  /** The value. */\n  readonly value: number;\n}\n\n/**\n * A number.\n * @format json\n */\nexport interface Num {",
      ],
      ["Promise<{ twice: Num }>", "Promise<{ twice: Num2 }>"],
      ["readonly Handle<Num>[]", "readonly Handle<Num2>[]"],
    ],
    codes: ["DF7002", "DF7008", "DF7008", "DF7008", "DF7008"],
    stale: ALL_KERNEL,
  },
  {
    name: "a column no consumer reads is removed",
    kernels: [
      ["  /**\n   * Seeing FWHM.\n   * @column SEEING f32 arcsec\n   */\n  readonly SEEING: Float32Array;\n", ""],
      [", SEEING: Float32Array.of(1.1)", ""],
    ],
    codes: ["DF7007", "DF7008", "DF7008", "DF7008", "DF7008"],
    stale: ALL_KERNEL,
  },
];

function staleOf(r: DiffResult): Record<string, { n: number; why: Record<string, number> }> {
  const out: Record<string, { n: number; why: Record<string, number> }> = {};
  for (const s of r.stages) if (s.stale > 0) out[s.stage] = { n: s.stale, why: Object.fromEntries(s.reasons.map((x) => [x.reason, x.tasks])) };
  return out;
}

describe("dflow diff: base/head pairs", () => {
  const root = tempDir("cases");
  const base = writeVersion(path.join(root, "base"));
  for (const [i, c] of CASES.entries()) {
    it(
      c.name,
      async () => {
        const head = writeVersion(path.join(root, `head${i}`), c.dflow, c.kernels);
        const out = path.join(root, `out${i}`);
        mkdirSync(out, { recursive: true });
        for (const f of c.files ?? []) {
          mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
          writeFileSync(path.join(out, f), "{}");
        }
        const r = await diffPipelines({ base: { file: base, label: "base/p.dflow" }, head: { file: head, label: "head/p.dflow" } }, { out });
        expect(r.problems.filter((d) => d.severity === "error")).toEqual([]);
        expect(r.changes.map((d) => d.code).sort()).toEqual([...c.codes]);
        expect(staleOf(r)).toEqual(c.stale);
        expect(r.total.stale).toBe(Object.values(c.stale).reduce((a, s) => a + s.n, 0));
        expect(r.orphans).toEqual(c.orphans ?? []);
        for (const [stage, ranges] of Object.entries(c.ranges ?? {})) expect(r.stages.find((x) => x.stage === stage)?.ranges).toEqual(ranges);
        // Every change shows its place in the head, and in the base when it has one there.
        for (const d of r.changes) expect(d.primary).toBeDefined();
        expect(renderDiff(r, "json", { sources: r.sources, cwd: root })).toContain('"stale"');
      },
      60_000,
    );
  }
});
