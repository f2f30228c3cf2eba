/**
 * The verification pass an emitted Makefile runs before make compares times (`dflow task PLAN
 * --verify-outputs`, src/runtime/verifyOutputs.ts) on an output root of the peers' shape
 * (test/fixtures/peers/shape.py, bench/peers/peersShape.ts) at N exposures: 121.5 N + 1 tasks,
 * one output each, every task's state record written as `dflow task` writes it (fingerprint, the
 * output's hash, size and time, and the basis with one entry per input, so coadd, stdstars and
 * zcatalog records are as long as theirs), every output an empty file (the pass reads sizes and
 * times, not bytes; `--verify`, which hashes every byte, costs what reading the products costs).
 *
 *   node scripts/run.mjs bench/makeVerify.ts [N…] [--dir DIR] [--keep]
 *
 * `--dir /dev/shm` keeps the 2.4 M files (1.2 M records, 1.2 M outputs, about 5 GB of pages at
 * N = 10,000) off a disk whose deletes are slow (ext4 with online discard takes minutes per
 * 100,000 files); the pass then measures what it costs with the page cache warm.
 *
 * Prints, per N: the time to write the root (not the pass), then the pass over an intact root
 * (warm page cache: the root was just written), the same pass again, and the pass after 1 % of
 * outputs changed size (those removed), with outputs per second and the process's RSS.
 * Figures are one run each; the pass is I/O bound (one read per record, one stat per output).
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileStamp, statePath } from "../src/runtime/state.js";
import { verifyOutputs } from "../src/runtime/verifyOutputs.js";
import { CAMS, PETALS, nightOf, nPixels, pixelPairs } from "./peers/peersShape.js";

const hex = (s: string): string => createHash("sha256").update(s).digest("hex");

/** One task of the shape: its id, its output path, and its inputs' paths (for the length of its record). */
interface ShapeTask {
  readonly id: string;
  readonly out: string;
  readonly inputs: readonly string[];
}

/** Every task of the peers' shape at N, as bench/peers/genPeersDflow.ts declares them. */
function* shapeTasks(n: number): Generator<ShapeTask> {
  const dirOf = (e: number): string => `out/${nightOf(e)}/${String(e).padStart(8, "0")}`;
  const per = (kind: string, e: number, c: string, p: number): string => `${dirOf(e)}/${kind}-${c}${p}-${String(e).padStart(8, "0")}.fits`;
  const nights = [...new Set(Array.from({ length: n }, (_, e) => nightOf(e)))];
  const firstOf = new Map<number, number>();
  const ofNight = new Map<number, number[]>();
  for (let e = 0; e < n; e++) {
    if (!firstOf.has(nightOf(e))) firstOf.set(nightOf(e), e);
    ofNight.set(nightOf(e), [...(ofNight.get(nightOf(e)) ?? []), e]);
  }
  const frames = (es: readonly number[]): string[] => es.flatMap((e) => CAMS.flatMap((c) => PETALS.map((p) => per("frame", e, c, p))));
  for (let e = 0; e < n; e++)
    for (const c of CAMS)
      for (const p of PETALS) {
        const key = `[exposure=${e},camera=${c},petal=${p}]`;
        const ff = `out/${nightOf(e)}/fiberflatnight-${nightOf(e)}.fits`;
        yield { id: `frame${key}`, out: per("frame", e, c, p), inputs: [`data/simspec/${nightOf(e)}/simspec-${String(e).padStart(8, "0")}.fits`] };
        yield { id: `fiberflat_apply${key}`, out: per("fframe", e, c, p), inputs: [per("frame", e, c, p), ff] };
        yield { id: `sky${key}`, out: per("sky", e, c, p), inputs: [per("fframe", e, c, p)] };
        yield {
          id: `calibrate${key}`,
          out: per("cframe", e, c, p),
          inputs: [per("fframe", e, c, p), per("sky", e, c, p), `out/${nightOf(e)}/stdstars-${nightOf(e)}.fits`],
        };
      }
  for (const night of nights) {
    yield { id: `fiberflat[night=${night}]`, out: `out/${night}/fiberflatnight-${night}.fits`, inputs: frames([firstOf.get(night)!]) };
    yield { id: `stdstars[night=${night}]`, out: `out/${night}/stdstars-${night}.fits`, inputs: frames(ofNight.get(night)!) };
  }
  const byPixel = new Map<number, string[]>();
  for (const { pixel, expid, petal } of pixelPairs(n)) byPixel.set(pixel, [...(byPixel.get(pixel) ?? []), ...CAMS.map((c) => per("cframe", expid, c, petal))]);
  for (const [h, cframes] of byPixel) {
    yield { id: `coadd[pixel=${h}]`, out: `out/healpix/${h}/coadd-${h}.fits`, inputs: cframes };
    yield { id: `redshift[pixel=${h}]`, out: `out/healpix/${h}/zbest-${h}.fits`, inputs: [`out/healpix/${h}/coadd-${h}.fits`] };
  }
  yield { id: "zcatalog", out: "out/zcatalog.fits", inputs: [...byPixel.keys()].map((h) => `out/healpix/${h}/zbest-${h}.fits`) };
}

/** Writes the root: each output (its path as its content) and its task's state record. */
function writeRoot(root: string, n: number): { tasks: number; outputs: string[] } {
  const made = new Set<string>();
  const outputs: string[] = [];
  for (const t of shapeTasks(n)) {
    const file = path.join(root, t.out);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(file, "");
    const record = {
      id: t.id,
      fingerprint: hex(t.id),
      outputs: [{ path: t.out, sha256: hex(""), ...fileStamp(file)! }],
      basis: {
        versions: "0.1.0/1",
        kernel: `peers.${t.id.split("[", 1)[0]}`,
        closure: hex("closure"),
        params: {},
        seed: "0",
        inputs: t.inputs.map((p) => [p, hex(p)]),
      },
    };
    const sp = statePath(root, t.id);
    const sd = path.dirname(sp);
    if (!made.has(sd)) {
      mkdirSync(sd, { recursive: true });
      made.add(sd);
    }
    writeFileSync(sp, JSON.stringify(record) + "\n");
    outputs.push(file);
  }
  return { tasks: outputs.length, outputs };
}

function pass(root: string, label: string): void {
  const t = performance.now();
  const r = verifyOutputs(root);
  const s = (performance.now() - t) / 1000;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `| ${label} | ${r.records} | ${r.outputs} | ${r.changed.length} | ${s.toFixed(1)} s | ${Math.round(r.outputs / s).toLocaleString("en")} | ${rss.toFixed(0)} MiB |`,
  );
}

const args = process.argv.slice(2);
const keep = args.includes("--keep");
const dirAt = args.indexOf("--dir");
const base = dirAt >= 0 ? args[dirAt + 1]! : os.tmpdir();
const sizes = args.filter((a, i) => !a.startsWith("--") && (dirAt < 0 || i !== dirAt + 1)).map(Number);
if (sizes.length === 0) sizes.push(10_000);
console.log(
  `# machine: ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, Node ${process.version}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
for (const n of sizes) {
  const root = mkdtempSync(path.join(base, `dflow-bench-verify-${n}-`));
  try {
    const t = performance.now();
    const { tasks, outputs } = writeRoot(root, n);
    console.log(
      `\nN = ${n}: ${tasks} tasks (121.5 N + 1 = ${121.5 * n + 1}), ${nPixels(n)} pixels; root written in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
    console.log("| pass | records | outputs | removed | time | outputs/s | RSS |\n|---|---|---|---|---|---|---|");
    pass(root, "intact");
    pass(root, "intact, again");
    for (let i = 0; i < outputs.length; i += 100) truncateSync(outputs[i]!, 1);
    pass(root, "1 % resized");
    pass(root, "after removal");
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}
