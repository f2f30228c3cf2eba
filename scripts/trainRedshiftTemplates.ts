/**
 * Trains the redshift fitter's PCA templates from the stdlib's template generator and writes them
 * to stdlib/redshift/data/ in redrock's template layout. Deterministic: the training objects come
 * from the mock classes' drawers on the stream labelled `train` (the accuracy and exactness
 * scripts and tests draw from other labels), stars from fixed TEFF ranges per subtype.
 *
 *   npx tsx scripts/trainRedshiftTemplates.ts [outdir]
 *
 * Each spectrum is rendered in its rest frame on a grid uniform in log10 λ, divided by its mean
 * absolute flux, and the basis is the leading right singular vectors of the (uncentred) matrix
 * of training spectra, as redrock's PCA templates are (docs/sources.md#redrock-templates).
 */
import path from "node:path";
import { encodeTemplateFits, galaxyGrid, logGrid, starGrid, type Template } from "../stdlib/redshift/index.js";
import { restFrameSpectrum, type TemplateRow } from "../stdlib/templates/index.js";
import { makeRng, taskSeed } from "../src/runtime/index.js";
import { writeFileAtomic } from "../src/util/writeFileAtomic.js";
import { drawObjects, rowOf } from "../test/redshift/simulateCoadd.js";
import { blankObject } from "../stdlib/targets/MockObject.js";

const OUT = process.argv[2] ?? path.resolve("stdlib/redshift/data");
const LABEL = "train";

function logWave(lo: number, hi: number, step: number): Float64Array {
  const n = Math.ceil(Math.log10(hi / lo) / step) + 1;
  return Float64Array.from({ length: n }, (_, i) => 10 ** (Math.log10(lo) + i * step));
}

/** Top `k` right singular vectors of the rows (unit norm), by eigenvectors of the Gram matrix. */
function pca(rows: Float64Array[], k: number): Float64Array[] {
  const n = rows.length;
  const p = rows[0]!.length;
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      const a = rows[i]!;
      const b = rows[j]!;
      for (let q = 0; q < p; q++) s += a[q]! * b[q]!;
      g[i * n + j] = g[j * n + i] = s;
    }
  }
  // Subspace iteration with Gram–Schmidt on G (n × n), k + 5 vectors.
  const m = k + 5;
  const rng = makeRng(taskSeed(LABEL, "pca", String(n)));
  let v = Array.from({ length: m }, () => Float64Array.from({ length: n }, () => rng.normal()));
  for (let it = 0; it < 300; it++) {
    v = v.map((x) => {
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += g[i * n + j]! * x[j]!;
        y[i] = s;
      }
      return y;
    });
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < a; b++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += v[a]![i]! * v[b]![i]!;
        for (let i = 0; i < n; i++) v[a]![i]! -= d * v[b]![i]!;
      }
      let nn = 0;
      for (let i = 0; i < n; i++) nn += v[a]![i]! ** 2;
      nn = Math.sqrt(nn);
      for (let i = 0; i < n; i++) v[a]![i]! /= nn;
    }
  }
  return v.slice(0, k).map((u) => {
    const out = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let q = 0; q < p; q++) out[q]! += u[i]! * rows[i]![q]!;
    let nn = 0;
    for (let q = 0; q < p; q++) nn += out[q]! ** 2;
    nn = Math.sqrt(nn);
    for (let q = 0; q < p; q++) out[q]! /= nn;
    return out;
  });
}

function spectra(rows: readonly TemplateRow[], wave: Float64Array): Float64Array[] {
  return rows.map((r) => {
    const f = restFrameSpectrum(r, wave);
    let s = 0;
    for (const x of f) s += Math.abs(x);
    const norm = s / f.length;
    return f.map((x) => x / (norm > 0 ? norm : 1));
  });
}

function write(t: Template, provenance: string[]): void {
  const file = path.join(OUT, `rrtemplate-${t.spectype}${t.subtype === "" ? "" : "-" + t.subtype}.fits`);
  writeFileAtomic(file, encodeTemplateFits(t, provenance));
  console.log(`${file}: ${t.basis.length} vectors × ${t.wave.length} samples, ${t.redshifts.length} redshifts`);
}

function stars(sub: string, teff: [number, number], count: number): TemplateRow[] {
  const rng = makeRng(taskSeed(LABEL, "STAR", sub));
  return Array.from({ length: count }, (_, i) => {
    const o = blankObject();
    o.spectype = "STAR";
    o.templatetype = "STAR";
    o.mag = 18;
    o.r = o.g = o.z = 18;
    o.magfilter = "decam2014-r";
    o.teff = 10 ** (Math.log10(teff[0]) + rng.uniform() * Math.log10(teff[1] / teff[0]));
    o.logg = rng.uniform() < 0.15 && o.teff < 6500 ? 1.5 + 2 * rng.uniform() : 4 + 0.8 * rng.uniform();
    o.feh = Math.max(-2.5, Math.min(0.5, -0.5 + 0.5 * rng.normal()));
    return rowOf(o, BigInt.asIntN(64, rng.uint64()), BigInt(i));
  });
}

function main(): void {
  const gal = [
    ...drawObjects("ELG", 160, LABEL),
    ...drawObjects("LRG", 120, LABEL),
    ...drawObjects("BGS_BRIGHT", 80, LABEL),
    ...drawObjects("BGS_FAINT", 40, LABEL),
  ].map((x) => x.row);
  const gwave = logWave(1250, 10500, 5e-5);
  const common = (what: string, n: number, wave: Float64Array): string[] => [
    `dflow ${what}: PCA of ${n} generator spectra`,
    `(stdlib/templates), stream 'train'; scripts/trainRedshiftTemplates.ts`,
    `rest ${wave[0]!.toFixed(1)}-${wave[wave.length - 1]!.toFixed(1)} A, ${wave.length} log10 samples`,
  ];
  write(
    {
      spectype: "GALAXY",
      subtype: "",
      version: "dflow-1",
      wave: gwave,
      basis: pca(spectra(gal, gwave), 10),
      redshifts: galaxyGrid(),
      igm: false,
      source: "dflow",
    },
    [...common("GALAXY", gal.length, gwave), "ELG 160, LRG 120, BGS bright 80, BGS faint 40"],
  );

  const qsos = drawObjects("QSO", 900, LABEL).map((x) => x.row);
  const loz = qsos.filter((r) => r.TRUEZ < 1.6).slice(0, 300);
  const hiz = qsos.filter((r) => r.TRUEZ > 1.4).slice(0, 300);
  const lw = logWave(1300, 9700, 1e-4);
  const hw = logWave(440, 4600, 1e-4);
  write(
    {
      spectype: "QSO",
      subtype: "LOZ",
      version: "dflow-1",
      wave: lw,
      basis: pca(spectra(loz, lw), 4),
      redshifts: logGrid(0.05, 1.6, 5e-4),
      igm: true,
      source: "dflow",
    },
    [...common("QSO LOZ", loz.length, lw), "quasars with z < 1.6"],
  );
  write(
    {
      spectype: "QSO",
      subtype: "HIZ",
      version: "dflow-1",
      wave: hw,
      basis: pca(spectra(hiz, hw), 4),
      redshifts: logGrid(1.4, 7.0, 5e-4),
      igm: true,
      source: "dflow",
    },
    [...common("QSO HIZ", hiz.length, hw), "quasars with z > 1.4"],
  );

  const sw = logWave(3500, 10200, 5e-5);
  const ranges: [string, [number, number]][] = [
    ["B", [10000, 30000]],
    ["A", [7500, 10000]],
    ["F", [6000, 7500]],
    ["G", [5200, 6000]],
    ["K", [3900, 5200]],
    ["M", [3000, 3900]],
  ];
  for (const [sub, teff] of ranges) {
    const rows = stars(sub, teff, 80);
    write(
      { spectype: "STAR", subtype: sub, version: "dflow-1", wave: sw, basis: pca(spectra(rows, sw), 5), redshifts: starGrid(), igm: false, source: "dflow" },
      [...common(`STAR ${sub}`, rows.length, sw), `TEFF ${teff[0]}-${teff[1]} K, log-uniform`],
    );
  }
  const wd = drawObjects("MWS_WD", 80, LABEL).map((x) => ({ ...x.row, TRUEZ: 0 }));
  write({ spectype: "STAR", subtype: "WD", version: "dflow-1", wave: sw, basis: pca(spectra(wd, sw), 5), redshifts: starGrid(), igm: false, source: "dflow" }, [
    ...common("STAR WD", wd.length, sw),
    "DA and DB white dwarfs of the MWS_WD class",
  ]);
}

main();
