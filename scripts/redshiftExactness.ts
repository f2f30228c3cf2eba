/**
 * Exactness of the fast fitter against the test-only brute-force reference (one exact solve per
 * redshift of every grid), on simulated coadds of every class drawn on the stream `exactness`:
 *
 *   node scripts/run.mjs scripts/redshiftExactness.ts [targets=500] [first=0] [cache.json]
 *
 * With a cache file, the reference's results are read from it where present and written to it
 * (they depend only on the templates and the simulated targets), so a change of the fast fitter
 * is re-checked without the brute force; delete the file when the templates or the reference change.
 * Several files, comma-separated, are all read (the first is written); REDSHIFT_CLASSES=ELG,LRG
 * restricts the run to those classes (to share the reference's work between processes), and
 * REDSHIFT_CACHED_ONLY=1 to the targets the cache holds.
 *
 * A target agrees when Z is within max(1e-5 (1+z), ZERR/10), ZWARN is equal and DELTACHI2 is
 * within 1 % or 0.5; the goal is ≥ 99.5 % of targets. Every disagreement is printed with the
 * fields that differ and its cause: `missed` when a candidate of the reference that decides the
 * result (the best, or the rival setting DELTACHI2 or SMALL_DELTA_CHI2) is absent from the fast
 * fit's table (with how far above the approximate scan's lowest minimum its approximate χ² was,
 * and the exact Δχ² to the best), `standin` when the fast fit has it but with its coarse χ² in
 * place of a fine fit, `other` otherwise. A summary by cause and field ends the output.
 */
import { BAD_FIT_MASK, prepareTarget, redshiftFitter, velocityDifference, type Candidate, type RedshiftResult } from "../stdlib/redshift/index.js";
import { coarseScan } from "../stdlib/redshift/coarseScan.js";
import { templateModel } from "../stdlib/redshift/TemplateModel.js";
import { waveGrid } from "../stdlib/instrument/index.js";
import type { MockClassName } from "../stdlib/targets/mockClasses.js";
import { readFileSync, existsSync } from "node:fs";
import { writeFileAtomic } from "../src/util/writeFileAtomic.js";
import { agrees, bruteForceFit, type ReferenceResult } from "../test/redshift/bruteForce.js";
import { loadTemplates } from "../test/redshift/loadTemplates.js";
import { simulateTargets, type SimTarget } from "../test/redshift/simulateCoadd.js";

const total = Number(process.argv[2] ?? 500);
const first = Number(process.argv[3] ?? 0);
const cachePaths = process.argv[4]?.split(",") ?? [];
const cachePath = cachePaths[0];
const only = process.env["REDSHIFT_CLASSES"]?.split(",");
const cachedOnly = process.env["REDSHIFT_CACHED_ONLY"] === "1";
const solves = new Map<string, [number, number]>();
type Stored = Omit<ReferenceResult, "candidates"> & { candidates: (Omit<Candidate, "coeff"> & { coeff: number[] })[] };
const cache: Record<string, Stored> = {};
for (const p of cachePaths) if (existsSync(p)) Object.assign(cache, JSON.parse(readFileSync(p, "utf8")) as Record<string, Stored>);
/** The reference's result of target `key`, from the cache or by brute force. */
function reference(key: string, t: SimTarget): ReferenceResult {
  const hit = cache[key];
  if (hit !== undefined) return { ...hit, candidates: hit.candidates.map((c) => ({ ...c, coeff: Float64Array.from(c.coeff) })) };
  const ref = bruteForceFit(templates, t.spectra);
  if (cachePath !== undefined) {
    cache[key] = { ...ref, candidates: ref.candidates.map((c) => ({ ...c, coeff: [...c.coeff] })) };
    writeFileAtomic(cachePath, JSON.stringify(cache));
  }
  return ref;
}
const templates = loadTemplates();
const waves = ["b", "r", "z"].map((b) => waveGrid(b));
const fitter = redshiftFitter(templates, waves);
const scans = fitter.templates.map((t) => coarseScan(templateModel(t), waves[0]![0]!, waves[2]![waves[2]!.length - 1]!));
const mix: [MockClassName, number][] = [
  ["ELG", 0.3],
  ["LRG", 0.2],
  ["BGS_BRIGHT", 0.15],
  ["BGS_FAINT", 0.05],
  ["QSO", 0.2],
  ["MWS_MAIN", 0.1],
];

const same = (a: Candidate, b: Candidate): boolean => a.template === b.template && Math.abs(velocityDifference(a.z, b.z)) < Math.min(a.dvLimit, b.dvLimit);

/** The reference's candidates that decide its result: the best, the DELTACHI2 rival and any far one within 9. */
function deciding(ref: ReferenceResult): Candidate[] {
  const [b, ...rest] = ref.candidates;
  const far = rest.filter((c) => Math.abs(velocityDifference(c.z, b!.z)) > Math.min(b!.dvLimit, c.dvLimit) && (c.zwarn & BAD_FIT_MASK) === 0);
  const rival = far.find((c) => Math.abs(c.chi2 - b!.chi2 - ref.deltachi2) < 1e-6);
  return [b!, ...far.filter((c) => c === rival || c.chi2 - b!.chi2 < 9)];
}

function classify(t: SimTarget, fast: RedshiftResult, ref: ReferenceResult): string {
  const fields = [
    Math.abs(fast.z - ref.z) > Math.max(1e-5 * (1 + ref.z), Math.abs(ref.zerr) / 10) ? "Z" : "",
    fast.zwarn !== ref.zwarn ? "ZWARN" : "",
    Math.abs(fast.deltachi2 - ref.deltachi2) > Math.max(0.5, 0.01 * Math.abs(ref.deltachi2)) ? "DELTACHI2" : "",
  ]
    .filter((s) => s !== "")
    .join("+");
  const target = prepareTarget(t.spectra);
  const approx = scans.map((s) => s.scan(target));
  let lowest = Infinity;
  for (const a of approx) for (const v of a) lowest = Math.min(lowest, v);
  const notes: string[] = [];
  let cause = "other";
  for (const c of deciding(ref)) {
    const mine = fast.candidates.find((f) => same(f, c));
    const zs = fitter.templates[c.template]!.redshifts;
    let k = 0;
    for (let i = 1; i < zs.length; i++) if (Math.abs(zs[i]! - c.z) < Math.abs(zs[k]! - c.z)) k = i;
    const a = approx[c.template]!;
    let amin = a[k]!;
    for (let i = Math.max(0, k - 2); i <= Math.min(a.length - 1, k + 2); i++) amin = Math.min(amin, a[i]!);
    const tag = `${c.spectype}${c.subtype} z ${c.z.toFixed(5)} exactΔ ${(c.chi2 - ref.chi2).toFixed(1)} approxΔ ${(amin - lowest).toFixed(1)}`;
    if (mine === undefined) {
      cause = "missed";
      notes.push(`missing ${tag}`);
    } else if (mine.zerr === 0 && c.zerr !== 0) {
      if (cause === "other") cause = "standin";
      notes.push(`standin ${tag} fastΔ ${(mine.chi2 - ref.chi2).toFixed(1)}`);
    } else if (Math.abs(mine.chi2 - c.chi2) > 0.01) notes.push(`chi2 ${tag} fast ${mine.chi2.toFixed(2)} ref ${c.chi2.toFixed(2)}`);
  }
  console.log(
    `DIFF ${t.cls} true z ${t.row.TRUEZ.toFixed(5)} [${fields}] ${cause}: fast z ${fast.z.toFixed(6)} zwarn ${fast.zwarn} dchi2 ${fast.deltachi2.toFixed(2)} ${fast.spectype} | ref z ${ref.z.toFixed(6)} zerr ${ref.zerr.toExponential(2)} zwarn ${ref.zwarn} dchi2 ${ref.deltachi2.toFixed(2)} ${ref.spectype}\n    ${notes.join("\n    ")}`,
  );
  return `${cause} ${fields}`;
}

let n = 0;
let ok = 0;
const causes = new Map<string, number>();
let fastS = 0;
for (const [cls, frac] of mix) {
  if (only !== undefined && !only.includes(cls)) continue;
  const count = Math.max(1, Math.round(frac * total));
  for (const [j, t] of simulateTargets(cls, count + first, "exactness")
    .slice(first)
    .entries()) {
    const key = `${cls}:${first + j}`;
    if (cachedOnly && cache[key] === undefined) continue;
    const t0 = performance.now();
    const s0 = fitter.times.solves;
    const fast = fitter.fit(t.spectra);
    solves.set(cls, [(solves.get(cls)?.[0] ?? 0) + fitter.times.solves - s0, (solves.get(cls)?.[1] ?? 0) + 1]);
    fastS += (performance.now() - t0) / 1000;
    const ref = reference(key, t);
    n++;
    if (agrees(fast, ref)) ok++;
    else {
      const key = `${cls} ${classify(t, fast, ref)}`;
      causes.set(key, (causes.get(key) ?? 0) + 1);
    }
  }
  console.log(`after ${cls}: ${ok}/${n} agree`);
}
for (const [k, v] of [...causes].sort()) console.log(`  ${k}: ${v}`);
console.log(
  `fast fitter: ${((1000 * fastS) / n).toFixed(0)} ms per target; exact solves per target: ${[...solves].map(([c, [k, m]]) => `${c} ${(k / m).toFixed(0)}`).join(", ")}`,
);
console.log(`exactness: ${ok}/${n} = ${((100 * ok) / n).toFixed(2)} % agree (goal ≥ 99.5 %)`);
