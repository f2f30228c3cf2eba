import type { ExposureList } from "../datamodel/ExposureList.js";
import type { Fibermap } from "../datamodel/Fibermap.js";
import type { FibermapTable } from "../datamodel/FibermapTable.js";
import type { SimSpec } from "../datamodel/SimSpec.js";
import type { Truth } from "../datamodel/Truth.js";
import type { TruthTable } from "../datamodel/TruthTable.js";
import { image, type Header } from "../datamodel/values.js";
import { FIBERS_PER_PETAL, SIM_NWAVE, lampSpectrum, redden, sfdExtinction, simWaveGrid } from "../instrument/index.js";
import type { Gather, Handle, KernelContext, int } from "../kernel.js";
import { observedSpectrum, truthRow } from "../templates/index.js";
import { exposureHeader, exposureRow } from "./exposureRow.js";
import { flatFibermap } from "./flatFibermap.js";
import { integerKeyOf } from "../kernelKey.js";
import { takeRows } from "./takeRows.js";

const KERNEL = "sim.newexp";

/** Petals of the focal plane (Silber et al. 2023, arXiv:2205.09014; docs/sources.md#focal-plane). */
const NPETAL_MAX = 10;

/**
 * Builds the input of the exposure simulation for one exposure (`ctx.key.exposure`, an EXPID of
 * `exposures`), as desisim's newexp does: the flux of each fiber's source above the atmosphere
 * on the 0.8 Å grid 3600–9824 Å (7781 pixels), before fiber losses, as SimSpec documents (fastframe
 * applies the atmosphere and the fiber acceptance from the seeing and each row's MORPHTYPE and
 * SHAPE_R). Only fibers of petals below `npetal` are kept, in FIBER order.
 *
 * Science exposures: `fibermaps` holds the tile's one fibermap; a TGT fiber's flux is the
 * templates' `observedSpectrum` of its truth row (the intrinsic spectrum, normalised to the truth
 * MAG), found by TARGETID across every gathered truth table (an Error names a TARGETID that none
 * holds), reddened by the Milky Way for the fibermap row's EBV (an SFD value): times
 * 10^(−0.4 A_λ) with A_λ = 0.86 · EBV · R(λ), R the Cardelli, Clayton & Mathis (1989) curve for
 * R_V = 3.1 at the grid's vacuum wavelengths and 0.86 Schlafly & Finkbeiner's (2011)
 * recalibration of SFD (`sfdExtinction`: 4.18 at 3600 Å, 2.67 at 5495 Å, 1.11 at 9824 Å), which
 * keeps the spectra within 3.5 % in A of the coefficients that redden the fibermap's FLUX_G/R/Z
 * (the observed fluxes). SKY, NON and BAD fibers get 0. The FIBERMAP
 * is the tile's rows with EXPTIME set. Flat exposures: `fibermaps` is empty; every fiber's flux
 * is the flat-lamp spectrum and the FIBERMAP is built from fiber numbers (no targets, OBJTYPE
 * `FLT`, as desisim's flat simulation writes it). The header carries the exposure row's NIGHT, EXPID,
 * TILEID, EXPTIME, AIRMASS, SEEING, TRANSP, MOONFRAC, MOONALT, MOONSEP, PROGRAM, FLAVOR, OBSTYPE,
 * MJD-OBS and DATE-OBS (`exposureHeader`), and the tile's TILERA, TILEDEC, SURVEY and FAPRGRM from
 * the fibermap's header (a flat, which has no tile: TILERA = TILEDEC = 0, SURVEY and FAPRGRM
 * `calib`). No random draws.
 */
export async function newexp(
  inputs: { readonly exposures: Handle<ExposureList>; readonly fibermaps: Gather<Fibermap>; readonly truth: Gather<Truth> },
  params: {
    /**
     * Petals simulated: fibers of petals 0 … npetal − 1 (500 each).
     * @default 10
     */
    readonly npetal: int;
  },
  ctx: KernelContext,
): Promise<{ simspec: SimSpec }> {
  const npetal = params.npetal ?? NPETAL_MAX;
  if (!Number.isInteger(npetal) || npetal < 1 || npetal > NPETAL_MAX)
    throw new RangeError(`${KERNEL}: npetal ${npetal} is not an integer from 1 to ${NPETAL_MAX}`);
  const expid = integerKeyOf(ctx.key, "exposure", KERNEL);
  const row = exposureRow(await inputs.exposures.read(), expid, inputs.exposures.path, KERNEL);
  const fibermapHandles: Handle<Fibermap>[] = [];
  for await (const h of inputs.fibermaps) fibermapHandles.push(h);
  const wave = simWaveGrid();
  const header = exposureHeader(row);

  if (row.FLAVOR === "flat") {
    if (fibermapHandles.length > 0) ctx.log(`${KERNEL}: exposure ${expid} is a flat; its ${fibermapHandles.length} fibermap(s) are not used`);
    const nfiber = npetal * FIBERS_PER_PETAL;
    const lamp = Float32Array.from(lampSpectrum(wave));
    const flux = new Float32Array(nfiber * SIM_NWAVE);
    for (let f = 0; f < nfiber; f++) flux.set(lamp, f * SIM_NWAVE);
    const flatHeader = { ...header, TILERA: 0, TILEDEC: 0, SURVEY: "calib", FAPRGRM: "calib" };
    return {
      simspec: { header: flatHeader, WAVE: image(wave, [SIM_NWAVE]), FLUX: image(flux, [nfiber, SIM_NWAVE]), FIBERMAP: flatFibermap(nfiber, row.EXPTIME) },
    };
  }
  if (row.FLAVOR !== "science") throw new Error(`${KERNEL}: exposure ${expid} has FLAVOR \`${row.FLAVOR}\`; only \`science\` and \`flat\` can be simulated`);
  if (fibermapHandles.length !== 1) {
    throw new Error(`${KERNEL}: science exposure ${expid} (tile ${row.TILEID}) needs exactly one fibermap, but ${fibermapHandles.length} were gathered`);
  }
  const fmHandle = fibermapHandles[0]!;
  const tile = await fmHandle.read();
  const tileMap = tile.FIBERMAP;
  const tileKeys = tileHeader(tile.header, fmHandle.path);

  // Fibers of the simulated petals, in FIBER order.
  const rows = Array.from({ length: tileMap.FIBER.length }, (_, i) => i)
    .filter((i) => Math.floor(tileMap.FIBER[i]! / FIBERS_PER_PETAL) < npetal)
    .sort((a, b) => tileMap.FIBER[a]! - tileMap.FIBER[b]!);
  const fibermap: FibermapTable = {
    ...takeRows(tileMap, rows),
    EXPTIME: new Float64Array(rows.length).fill(row.EXPTIME),
    // Positioner moves to reach the targets: the blind move and one correction (desispec's value for an exposure's fibermap).
    NUM_ITER: new BigInt64Array(rows.length).fill(2n),
  };
  const nfiber = rows.length;

  // Which truth rows are needed, then one pass over the gathered truth tables.
  const wanted = new Map<bigint, number[]>();
  for (let f = 0; f < nfiber; f++) {
    if (fibermap.OBJTYPE[f]?.trim() !== "TGT") continue;
    const id = fibermap.TARGETID[f]!;
    if (id < 0n) continue;
    const list = wanted.get(id);
    if (list === undefined) wanted.set(id, [f]);
    else list.push(f);
  }
  const found = new Map<bigint, { readonly table: TruthTable; readonly index: number }>();
  let ntruth = 0;
  if (wanted.size > 0) {
    for await (const h of inputs.truth) {
      ntruth++;
      const table = (await h.read()).TRUTH;
      for (let i = 0; i < table.TARGETID.length; i++) {
        const id = table.TARGETID[i]!;
        if (wanted.has(id) && !found.has(id)) found.set(id, { table, index: i });
      }
    }
  }
  for (const [id, fibers] of wanted) {
    if (!found.has(id)) {
      throw new Error(
        `${KERNEL}: TARGETID ${id} (fiber ${fibermap.FIBER[fibers[0]!]} of ${fmHandle.path}) is in none of the ${ntruth} truth table(s) gathered for exposure ${expid}; gather the truth of every healpix pixel the tile covers`,
      );
    }
  }

  const flux = new Float32Array(nfiber * SIM_NWAVE);
  const curve = Float64Array.from(wave, sfdExtinction);
  const reddened = new Float64Array(SIM_NWAVE);
  for (const [id, fibers] of wanted) {
    const hit = found.get(id)!;
    const spectrum = observedSpectrum(truthRow(hit.table, hit.index), wave);
    if (spectrum.length !== SIM_NWAVE) throw new Error(`${KERNEL}: the template of TARGETID ${id} has ${spectrum.length} pixels, not ${SIM_NWAVE}`);
    for (const f of fibers) {
      const ebv = fibermap.EBV[f] ?? 0;
      if (ebv === 0 || !Number.isFinite(ebv)) {
        flux.set(spectrum, f * SIM_NWAVE);
        continue;
      }
      reddened.set(spectrum);
      redden(wave, reddened, ebv, curve);
      flux.set(reddened, f * SIM_NWAVE);
    }
  }
  return { simspec: { header: { ...header, ...tileKeys }, WAVE: image(wave, [SIM_NWAVE]), FLUX: image(flux, [nfiber, SIM_NWAVE]), FIBERMAP: fibermap } };
}

/** TILERA, TILEDEC, SURVEY and FAPRGRM of a tile's fibermap header (FAPRGRM: PROGRAM's when absent), lower-case names. */
function tileHeader(h: Header, path: string): Header {
  const ra = h["TILERA"];
  const dec = h["TILEDEC"];
  if (typeof ra !== "number" || typeof dec !== "number") throw new Error(`${KERNEL}: ${path} has no numeric TILERA and TILEDEC in its header`);
  const survey = String(h["SURVEY"] ?? "main")
    .trim()
    .toLowerCase();
  const program = String(h["FAPRGRM"] ?? h["PROGRAM"] ?? "")
    .trim()
    .toLowerCase();
  return { TILERA: ra, TILEDEC: dec, SURVEY: survey, FAPRGRM: program };
}
