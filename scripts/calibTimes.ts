/**
 * dflow's side of scripts/compare-desispec-calib.sh: reads one camera's flat-lamp frame, the
 * night's fiber flat and a science frame from a dflow output root, and times calib's
 * `computeFiberflat` and the sky model (`flatFielded` + `computeSky`) on them, reading excluded,
 * as CPU time of this process. Prints one JSON line: {"fiberflat_s": …, "sky_s": …}.
 *
 *   node scripts/run.mjs scripts/calibTimes.ts FLAT_FRAME FIBERFLAT SCIENCE_FRAME
 */
import { join } from "node:path";
import { readKernelIndex, resolveModules } from "../src/kernels/index.js";
import { openProduct } from "../src/runtime/codecs/index.js";
import { combineFlats, computeFiberflat, computeSky, flatFielded, skyFibersOf } from "../stdlib/calib/index.js";
import type { FiberFlat } from "../stdlib/datamodel/FiberFlat.js";
import type { Frame } from "../stdlib/datamodel/Frame.js";

const [flatPath, fiberflatPath, sciencePath] = process.argv.slice(2);
if (flatPath === undefined || fiberflatPath === undefined || sciencePath === undefined) {
  console.error("usage: node scripts/run.mjs scripts/calibTimes.ts FLAT_FRAME FIBERFLAT SCIENCE_FRAME");
  process.exit(2);
}
const { modules, problems } = resolveModules(join(process.cwd(), "scripts/any.dflow"), [{ module: ["stdlib", "calib"] }]);
if (problems.length > 0) throw new Error(JSON.stringify(problems));
const index = await readKernelIndex(modules);
const typeOf = (name: string) => {
  const t = index.types.find((x) => x.name === name);
  if (t === undefined) throw new Error(`no product type \`${name}\``);
  return t;
};
const flat = await openProduct<Frame>(typeOf("Frame"), flatPath).read();
const science = await openProduct<Frame>(typeOf("Frame"), sciencePath).read();
const fiberflat = await openProduct<FiberFlat>(typeOf("FiberFlat"), fiberflatPath).read();
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const t0 = cpu();
computeFiberflat(combineFlats([flat]));
const t1 = cpu();
computeSky(flatFielded(science, fiberflat), skyFibersOf(science));
const t2 = cpu();
console.log(JSON.stringify({ fiberflat_s: t1 - t0, sky_s: t2 - t1 }));
