/**
 * How well each stage's IVAR describes its FLUX, on a finished run of pipelines/twopct.dflow:
 * χ²/dof per stage, camera and kind of fiber, against the simulator's truth.
 *
 *   node scripts/run.mjs scripts/pipelineChi2.ts OUTDIR
 *
 * The truth of a frame is `frameTruth` (sky + source after each fiber's true line-spread function,
 * electrons/Å). Downstream, the truth of a fiber is its source pushed through the calibration the
 * pipeline itself derived (so that a calibration error does not count as noise): the sky-subtracted
 * frame's source / (fiber flat · THRPUTCORR), the cframe's that / FLUXCALIB; the spectra's rows are
 * the cframes' rows; a coadd's truth is its exposures' truths weighted as the coadd weights them
 * (IVAR / COADD_NORM², each times COADD_NORM). Sky fibers' truth is 0 after sky subtraction.
 * Printed per stage and camera: χ²/dof over pixels with IVAR > 0, the same without |χ| > 5 pixels
 * (a robust view), and the count of |χ| > 5; then each SKY coadd spectrum's zero-model χ² and pixel
 * count, the VARIABLE fraction of the coadds' exposures and targets, and TSNR2 per tracer and camera
 * from the cframes' SCORES.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { readKernelIndex, resolveModules, type ProductTypeInfo } from "../src/kernels/index.js";
import { decodeProduct } from "../src/runtime/codecs/index.js";
import type { CFrame } from "../stdlib/datamodel/CFrame.js";
import type { Coadd } from "../stdlib/datamodel/Coadd.js";
import type { ExposureList } from "../stdlib/datamodel/ExposureList.js";
import type { FiberFlat } from "../stdlib/datamodel/FiberFlat.js";
import type { FluxCalib } from "../stdlib/datamodel/FluxCalib.js";
import type { Frame } from "../stdlib/datamodel/Frame.js";
import type { SimSpec } from "../stdlib/datamodel/SimSpec.js";
import type { Sky } from "../stdlib/datamodel/Sky.js";
import type { Spectra } from "../stdlib/datamodel/Spectra.js";
import { prepareFrame } from "../stdlib/calib/preparedFrame.js";
import { FIBERSTATUS } from "../stdlib/instrument/index.js";
import { frameTruth } from "../stdlib/sim/truth.js";

const out = resolve(process.argv[2] ?? "out");
const { modules, problems } = resolveModules(join(process.cwd(), "pipelines/any.dflow"), [{ module: ["stdlib", "example"] }]);
if (problems.length > 0) throw new Error(JSON.stringify(problems));
const index = await readKernelIndex(modules);
const typeOf = (name: string): ProductTypeInfo => {
  const t = index.types.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no product type ${name}`);
  return t;
};
const read = <T extends object>(type: string, path: string): T => decodeProduct<T>(typeOf(type), path);

/** Running χ² sums of one stage, camera and kind of fiber. */
class Acc {
  sum = 0;
  n = 0;
  sumIn = 0;
  nIn = 0;
  big = 0;
  add(chi: number): void {
    const c2 = chi * chi;
    this.sum += c2;
    this.n++;
    if (Math.abs(chi) > 5) this.big++;
    else {
      this.sumIn += c2;
      this.nIn++;
    }
  }
  text(): string {
    if (this.n === 0) return "-";
    return `${(this.sum / this.n).toFixed(3)} (${(this.sumIn / Math.max(1, this.nIn)).toFixed(3)} w/o ${this.big} |χ|>5; n=${this.n})`;
  }
}
const accs = new Map<string, Acc>();
const acc = (stage: string, band: string, kind: string): Acc => {
  const key = `${stage}|${band}|${kind}`;
  let a = accs.get(key);
  if (a === undefined) accs.set(key, (a = new Acc()));
  return a;
};

const exposures = read<ExposureList>("ExposureList", join(out, "survey/exposures.ecsv"));
const exps = Array.from(exposures.EXPID, (e, i) => ({ expid: Number(e), night: String(exposures.NIGHT[i]), flavor: String(exposures.FLAVOR[i]) }));
/** Calibrated truth (cframe units) of each (expid, band, FIBER), for the spectra and coadds. */
const cTruth = new Map<string, Float32Array>();
const tsnr = new Map<string, number[]>();

for (const { expid, night, flavor } of exps) {
  if (flavor !== "science") continue;
  const dir = join(out, "exposures", night, String(expid).padStart(8, "0"));
  const simspec = read<SimSpec>("SimSpec", join(out, "sim", night, `simspec-${String(expid).padStart(8, "0")}.fits`));
  for (const file of readdirSync(dir).filter((f) => /^frame-[brz]\d-/.test(f))) {
    const band = file[6]!;
    const petal = Number(file[7]);
    const name = (p: string): string => join(dir, file.replace("frame-", `${p}-`));
    const frame = read<Frame>("Frame", join(dir, file));
    const truth = frameTruth(simspec, exposures, expid, band, petal);
    const [nfiber = 0, nwave = 0] = frame.FLUX.shape;
    const isSky = (f: number): boolean => frame.FIBERMAP.OBJTYPE[f] === "SKY";
    const kind = (f: number): string => (isSky(f) ? "sky" : "sci");
    for (let f = 0; f < nfiber; f++)
      for (let i = 0, k = f * nwave; i < nwave; i++, k++) {
        const iv = frame.IVAR.data[k]!;
        if (iv > 0) acc("1 frame", band, kind(f)).add((frame.FLUX.data[k]! - truth.sky[k]! - truth.source[k]!) * Math.sqrt(iv));
      }
    const flat = read<FiberFlat>("FiberFlat", join(out, "calibnight", night, `fiberflatnight-${band}${petal}-${night}.fits`));
    const sky = read<Sky>("Sky", name("sky"));
    const prep = prepareFrame(frame, flat, sky, "pipelineChi2");
    const cal = read<FluxCalib>("FluxCalib", name("fluxcalib"));
    const cframe = read<CFrame>("CFrame", name("cframe"));
    for (let f = 0; f < nfiber; f++) {
      const tp = sky.THRPUTCORR.data[f]! > 0 ? sky.THRPUTCORR.data[f]! : 1;
      const t = new Float32Array(nwave);
      for (let i = 0, k = f * nwave; i < nwave; i++, k++) {
        const F = flat.FIBERFLAT.data[k]!;
        const tPrep = isSky(f) || !(F > 0) ? 0 : truth.source[k]! / (F * tp);
        if (prep.ivar[k]! > 0) acc("2 sky-subtracted", band, kind(f)).add((prep.flux[k]! - tPrep) * Math.sqrt(prep.ivar[k]!));
        const C = cal.FLUXCALIB.data[k]!;
        t[i] = C > 0 ? tPrep / C : 0;
        const iv = cframe.IVAR.data[k]!;
        if (iv > 0) acc("3 cframe", band, kind(f)).add((cframe.FLUX.data[k]! - t[i]!) * Math.sqrt(iv));
      }
      cTruth.set(`${expid}:${band}:${truth.fiber[f]}`, t);
    }
    const scores = cframe.SCORES as unknown as Record<string, ArrayLike<number>>;
    for (const tr of ["ELG", "LRG", "QSO", "BGS", "LYA"]) {
      const col = scores[`TSNR2_${tr}_${band.toUpperCase()}`];
      if (col === undefined) continue;
      const key = `${tr}_${band}`;
      const list = tsnr.get(key) ?? [];
      for (let f = 0; f < col.length; f++) if (!isSky(f)) list.push(col[f]!);
      tsnr.set(key, list);
    }
  }
}

const pixelDirs: string[] = [];
const walk = (d: string): void => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(d, e.name));
    else if (e.name.startsWith("spectra-")) pixelDirs.push(join(d, e.name));
  }
};
if (existsSync(join(out, "healpix"))) walk(join(out, "healpix"));
const skyChi2: { pixel: string; targetid: bigint; chi2: number; n: number }[] = [];
let nexpRows = 0;
let nexpVariable = 0;
let ntarget = 0;
let ntargetVariable = 0;

for (const specPath of pixelDirs) {
  const spectra = read<Spectra>("Spectra", specPath);
  const coaddPath = specPath.replace("/spectra-", "/coadd-");
  const coadd = existsSync(coaddPath) ? read<Coadd>("Coadd", coaddPath) : null;
  const fm = spectra.FIBERMAP as unknown as { TARGETID: BigInt64Array; EXPID: Int32Array; FIBER: Int32Array; OBJTYPE: readonly string[] };
  const nrow = fm.TARGETID.length;
  const rowTruth = (band: string, r: number): Float32Array | undefined => cTruth.get(`${fm.EXPID[r]}:${band}:${fm.FIBER[r]}`);
  const norm = new Float64Array(nrow).fill(1);
  if (coadd !== null) {
    const ef = coadd.EXP_FIBERMAP as unknown as {
      TARGETID: BigInt64Array;
      EXPID: Int32Array;
      FIBER: Int32Array;
      FIBERSTATUS: Int32Array;
      COADD_NORM?: Float32Array;
    };
    for (let j = 0; j < ef.TARGETID.length; j++) {
      nexpRows++;
      if ((ef.FIBERSTATUS[j]! & FIBERSTATUS.VARIABLE) !== 0) nexpVariable++;
      for (let r = 0; r < nrow; r++)
        if (fm.TARGETID[r] === ef.TARGETID[j] && fm.EXPID[r] === ef.EXPID[j] && fm.FIBER[r] === ef.FIBER[j]) norm[r] = ef.COADD_NORM?.[j] ?? 1;
    }
    const cf = coadd.FIBERMAP as unknown as { TARGETID: BigInt64Array; COADD_FIBERSTATUS: Int32Array };
    for (let t = 0; t < cf.TARGETID.length; t++) {
      ntarget++;
      if ((cf.COADD_FIBERSTATUS[t]! & FIBERSTATUS.VARIABLE) !== 0) ntargetVariable++;
    }
  }
  const skyTotals = new Map<bigint, { chi2: number; n: number }>();
  for (const B of ["B", "R", "Z"] as const) {
    const band = B.toLowerCase();
    const flux = spectra[`${B}_FLUX`];
    const ivar = spectra[`${B}_IVAR`];
    const nwave = flux.shape[1] ?? 0;
    for (let r = 0; r < nrow; r++) {
      const t = rowTruth(band, r);
      if (t === undefined) continue;
      const kind = fm.OBJTYPE[r] === "SKY" ? "sky" : "sci";
      for (let i = 0, k = r * nwave; i < nwave; i++, k++)
        if (ivar.data[k]! > 0) acc("4 spectra", band, kind).add((flux.data[k]! - t[i]!) * Math.sqrt(ivar.data[k]!));
    }
    if (coadd === null) continue;
    const cflux = coadd[`${B}_FLUX`];
    const civar = coadd[`${B}_IVAR`];
    const cfm = coadd.FIBERMAP as unknown as { TARGETID: BigInt64Array; OBJTYPE: readonly string[] };
    for (let c = 0; c < cfm.TARGETID.length; c++) {
      const id = cfm.TARGETID[c]!;
      const isSky = cfm.OBJTYPE[c] === "SKY";
      const num = new Float64Array(nwave);
      const den = new Float64Array(nwave);
      let have = false;
      for (let r = 0; r < nrow; r++) {
        if (fm.TARGETID[r] !== id) continue;
        const t = rowTruth(band, r);
        if (t === undefined) continue;
        have = true;
        const n = norm[r]!;
        for (let i = 0; i < nwave; i++) {
          const w = ivar.data[r * nwave + i]! / (n * n);
          num[i]! += w * t[i]! * n;
          den[i]! += w;
        }
      }
      const tot = skyTotals.get(id) ?? { chi2: 0, n: 0 };
      for (let i = 0, k = c * nwave; i < nwave; i++, k++) {
        const iv = civar.data[k]!;
        if (!(iv > 0)) continue;
        if (isSky) {
          tot.chi2 += cflux.data[k]! ** 2 * iv;
          tot.n++;
        }
        if (have) acc("5 coadd", band, isSky ? "sky" : "sci").add((cflux.data[k]! - (den[i]! > 0 ? num[i]! / den[i]! : 0)) * Math.sqrt(iv));
      }
      if (isSky) skyTotals.set(id, tot);
    }
  }
  for (const [id, t] of skyTotals) skyChi2.push({ pixel: specPath.split("/").at(-2)!, targetid: id, ...t });
}

console.log(`χ²/dof against the simulator's truth, ${out}`);
console.log("stage | camera | sky fibers | science fibers");
for (const stage of ["1 frame", "2 sky-subtracted", "3 cframe", "4 spectra", "5 coadd"])
  for (const band of ["b", "r", "z"]) console.log(`${stage} | ${band} | ${acc(stage, band, "sky").text()} | ${acc(stage, band, "sci").text()}`);
skyChi2.sort((a, b) => a.chi2 - b.chi2);
const q = (p: number): string => {
  const s = skyChi2[Math.min(skyChi2.length - 1, Math.floor(p * skyChi2.length))];
  return s === undefined ? "-" : `${s.chi2.toFixed(0)}/${s.n}`;
};
console.log(`SKY coadd spectra: ${skyChi2.length}; zero-model χ²/npix at 10/50/90/100 %: ${q(0.1)} ${q(0.5)} ${q(0.9)} ${q(1)}`);
console.log(`VARIABLE: ${nexpVariable}/${nexpRows} exposure rows, ${ntargetVariable}/${ntarget} coadded targets`);
const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
console.log(`TSNR2 median over science fibers: ${[...tsnr].map(([k, v]) => `${k} ${median(v).toPrecision(3)}`).join(", ")}`);
