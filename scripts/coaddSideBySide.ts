/**
 * Writes the inputs of the side-by-side with desispec's coadd (scripts/compare-desispec-coadd.sh):
 * a synthetic healpix spectra file (repeats of known spectra through asymmetric resolutions, with
 * noise, masked pixels, cosmic hits, a fiber with a fatal status bit, an exposure of a target with
 * 60 % of its light and one with 3 %) and dflow's coadd of it (renormalised per exposure, as
 * desispec's coadd does by default), with the seconds the coadd took.
 *
 *   node scripts/run.mjs scripts/coaddSideBySide.ts OUTDIR
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readKernelIndex, resolveModules } from "../src/kernels/index.js";
import { writeProduct } from "../src/runtime/codecs/index.js";
import { FIBERSTATUS } from "../stdlib/instrument/index.js";
import { COSMICS_NSIG, coaddSpectra } from "../stdlib/group/coadd.js";
import { BANDS, makeSpectra, type Hit } from "../test/group/coaddFixtures.js";

const out = resolve(process.argv[2] ?? "out/coadd-side-by-side");
mkdirSync(out, { recursive: true });
const { modules, problems } = resolveModules(join(process.cwd(), "pipelines/any.dflow"), [{ module: ["stdlib", "example"] }]);
if (problems.length > 0) throw new Error(JSON.stringify(problems));
const index = await readKernelIndex(modules);
const typeOf = (name: string) => {
  const t = index.types.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no product type ${name}`);
  return t;
};
const hits: Hit[] = [];
for (const band of BANDS) for (let t = 0; t < 8; t++) hits.push({ target: t, exp: t % 4, band, pixel: 200 + 211 * t, sigmas: 30 + 5 * t });
const f = await makeSpectra({
  ntarget: 8,
  nexp: 4,
  seed: 3,
  hits,
  maskFraction: 0.005,
  throughput: [
    { target: 1, exp: 2, factor: 0.6 },
    { target: 3, exp: 1, factor: 0.03 },
  ],
  spectraType: typeOf("Spectra"),
  status: [
    { target: 5, exp: 2, status: FIBERSTATUS.BADAMPR },
    { target: 6, exp: 0, status: FIBERSTATUS.BADFIBER },
  ],
});
const t0 = performance.now();
const c = coaddSpectra(f.spectra, COSMICS_NSIG);
const seconds = (performance.now() - t0) / 1000;
writeProduct(typeOf("Spectra"), f.spectra, join(out, "spectra-main-dark-27000.fits"));
writeProduct(typeOf("Coadd"), c, join(out, "coadd-main-dark-27000.fits"));
writeFileSync(join(out, "dflow-coadd-seconds.txt"), `${seconds.toFixed(3)}\n`);
console.log(`coaddSideBySide: wrote ${out}/spectra-main-dark-27000.fits and its dflow coadd (${seconds.toFixed(2)} s)`);
