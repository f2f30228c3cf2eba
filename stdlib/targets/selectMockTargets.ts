import type { Targets } from "../datamodel/Targets.js";
import type { TargetsTable } from "../datamodel/TargetsTable.js";
import type { TileTable } from "../datamodel/TileTable.js";
import type { Truth } from "../datamodel/Truth.js";
import type { TruthTable } from "../datamodel/TruthTable.js";
import { checkNestedNside, nside2npix, nside2pixarea, pix2radec } from "../healpix/index.js";
import type { Handle, KernelContext, int } from "../kernel.js";
import { mwTransmission, type ImagingBand } from "./extinction.js";
import { galacticLatitude, galacticReddening } from "./galacticReddening.js";
import { healpixKey } from "./healpixKey.js";
import { inFootprint } from "./inFootprint.js";
import { MOCK_CLASSES } from "./mockClasses.js";
import type { MockObject } from "./MockObject.js";
import { MAX_TARGET_NSIDE, packTargetId } from "./packTargetId.js";
import { DEPTH_5SIGMA, ivarOfDepth, nanomaggies } from "./photometry.js";
import { targetPriority } from "./targetMasks.js";
import { uniformInPixel } from "./uniformInPixel.js";

/** Imaging releases of the Legacy Surveys DR9: south (DECaLS) and north (BASS/MzLS) [mem]. */
const RELEASE_SOUTH = 9010;
const RELEASE_NORTH = 9011;
/** The Legacy Surveys' north/south split: north of Dec 32.375° in the north Galactic cap. */
const NORTH_DEC = 32.375;

/** One target of the pixel: its position, its mock object and the draws that identify it. */
interface Row {
  readonly ra: number;
  readonly dec: number;
  readonly object: MockObject;
  /** E(B−V) at the target, mag. */
  readonly ebv: number;
  readonly subpriority: number;
  readonly seed: bigint;
  readonly targetid: bigint;
  readonly release: number;
  readonly objid: number;
  readonly north: boolean;
}

/** DESI's brick-name format (RRRR{p|m}DDD, RA and |Dec| in tenths of a degree) for a direction. */
function brickName(ra: number, dec: number): string {
  const r = String(Math.floor(ra * 10 + 1e-9) % 3600).padStart(4, "0");
  const d = String(Math.min(900, Math.floor(Math.abs(dec) * 10 + 1e-9))).padStart(3, "0");
  return `${r}${dec >= 0 ? "p" : "m"}${d}`;
}

/**
 * The mock targets and their truth for one nested healpix pixel, `ctx.key.healpix` at `nside`
 * (desitarget's `select_mock_targets` for one pixel; docs/sources.md#target-classes). Each class of `MOCK_CLASSES`
 * (ELG, LRG, QSOs (tracers and Lyα together), BGS Bright and Faint, MWS main, faint and white dwarfs, F
 * standards, sky) gets a Poisson number of targets of mean density × pixel area, placed uniformly
 * in the pixel, with magnitudes, colours, redshifts and template parameters as `mockClasses.ts`
 * documents. TARGETID packs the MOCK bit, RELEASE, BRICKID = the pixel and BRICK_OBJID = the
 * target's draw index (plus the SKY bit for sky positions), so pixels never collide; rows are
 * ordered by TARGETID and the truth table is row-matched. A pixel outside the footprint (no tile's
 * field touches it) gets no targets. Every draw comes from `ctx.rng`.
 *
 * Fluxes. The targets' FLUX_G/R/Z/W1/W2, FIBERFLUX_* and FIBERTOTFLUX_* are observed fluxes, as
 * DESI's are: the intrinsic flux dimmed by Galactic extinction, × 10^(−0.4 R_band EBV) with the
 * Legacy Surveys' coefficients (`extinction.ts`; desitarget's mock does the same with its
 * MW_TRANSMISSION_*). The truth table's FLUX_* are the intrinsic, noiseless fluxes, consistent
 * with its MAG, the intrinsic magnitude the templates are normalised to (desitarget's mock truth
 * holds the template photometry before extinction). There is no photometric noise; FLUX_IVAR
 * comes from fixed imaging depths; EBV comes from a cosecant law in Galactic latitude
 * (`galacticReddening`); FIBERTOTFLUX equals FIBERFLUX (no neighbours are modelled). Which
 * magnitudes the selection cuts apply to is in `mockClasses.ts`.
 */
export async function selectMockTargets(
  inputs: { readonly tiles: Handle<TileTable> },
  params: {
    /**
     * HEALPix nside of the pixel (nested numbering), a power of two up to 256 so pixel numbers
     * fit TARGETID's 20-bit BRICKID; DESI groups targets at 64.
     * @default 64
     */
    readonly nside: int;
  },
  ctx: KernelContext,
): Promise<{ targets: Targets; truth: Truth }> {
  const kernel = "targets.selectMockTargets";
  const nside = checkNestedNside(params.nside, kernel, MAX_TARGET_NSIDE);
  const pixel = healpixKey(ctx.key, nside2npix(nside), kernel);
  const tiles = await inputs.tiles.read();
  const header = { HPXPIXEL: pixel, HPXNSIDE: nside, HPXNEST: true, FILENSID: nside, FILENEST: true, FILEHPX: pixel };

  const rows: Row[] = [];
  if (inFootprint(tiles, nside, pixel)) {
    const rng = ctx.rng;
    const area = nside2pixarea(nside, "deg2");
    const position = uniformInPixel(nside, pixel, rng);
    let objid = 0;
    for (const cls of MOCK_CLASSES) {
      const draw = cls.drawer(rng);
      const n = rng.poisson(cls.density * area);
      for (let i = 0; i < n; i++) {
        const [ra, dec] = position();
        const ebv = galacticReddening(ra, dec);
        const object = draw(ebv);
        const north = dec >= NORTH_DEC && galacticLatitude(ra, dec) > 0;
        const release = north ? RELEASE_NORTH : RELEASE_SOUTH;
        const targetid = packTargetId(release, pixel, objid, true, object.templatetype === "SKY");
        rows.push({ ra, dec, object, ebv, subpriority: rng.uniform(), seed: BigInt.asIntN(64, rng.uint64()), targetid, release, objid, north });
        objid++;
      }
    }
    rows.sort((a, b) => (a.targetid < b.targetid ? -1 : a.targetid > b.targetid ? 1 : 0));
  } else {
    ctx.log(`${kernel}: pixel ${pixel} (nside ${nside}) is outside the footprint of the ${tiles.TILEID.length} tiles; it gets no targets`);
  }

  const [cra, cdec] = ((): [number, number] => {
    const c = pix2radec(nside, pixel, true);
    return [c.ra, c.dec];
  })();
  const brick = brickName(cra, cdec);
  const f32 = (f: (r: Row) => number): Float32Array => Float32Array.from(rows, f);
  const f64 = (f: (r: Row) => number): Float64Array => Float64Array.from(rows, f);
  const i64 = (f: (r: Row) => bigint): BigInt64Array => BigInt64Array.from(rows, f);
  /** Intrinsic (extinction-free) flux, nanomaggies. */
  const intrinsic = (band: ImagingBand): Float32Array => f32((r) => nanomaggies(r.object[band]));
  /** Observed flux: intrinsic × the Milky Way transmission at the target. */
  const observed = (r: Row, band: ImagingBand): number => nanomaggies(r.object[band]) * mwTransmission(band, r.ebv);
  const flux = (band: ImagingBand): Float32Array => f32((r) => observed(r, band));
  const fiberflux = (band: "g" | "r" | "z"): Float32Array => f32((r) => observed(r, band) * r.object.fiberFraction);
  const ivar = (band: keyof typeof DEPTH_5SIGMA): Float32Array => new Float32Array(rows.length).fill(ivarOfDepth(DEPTH_5SIGMA[band]));
  const priorities = rows.map((r) => targetPriority(r.object));

  const table: TargetsTable = {
    TARGETID: i64((r) => r.targetid),
    RA: f64((r) => r.ra),
    DEC: f64((r) => r.dec),
    RELEASE: Int16Array.from(rows, (r) => r.release),
    BRICKNAME: rows.map(() => brick),
    BRICKID: Int32Array.from(rows, () => pixel),
    BRICK_OBJID: Int32Array.from(rows, (r) => r.objid),
    MORPHTYPE: rows.map((r) => r.object.morphtype),
    EBV: f32((r) => r.ebv),
    FLUX_G: flux("g"),
    FLUX_R: flux("r"),
    FLUX_Z: flux("z"),
    FLUX_W1: flux("w1"),
    FLUX_W2: flux("w2"),
    FLUX_IVAR_G: ivar("g"),
    FLUX_IVAR_R: ivar("r"),
    FLUX_IVAR_Z: ivar("z"),
    FLUX_IVAR_W1: ivar("w1"),
    FLUX_IVAR_W2: ivar("w2"),
    FIBERFLUX_G: fiberflux("g"),
    FIBERFLUX_R: fiberflux("r"),
    FIBERFLUX_Z: fiberflux("z"),
    FIBERTOTFLUX_G: fiberflux("g"),
    FIBERTOTFLUX_R: fiberflux("r"),
    FIBERTOTFLUX_Z: fiberflux("z"),
    SHAPE_R: f32((r) => r.object.shapeR),
    PHOTSYS: rows.map((r) => (r.north ? "N" : "S")),
    DESI_TARGET: i64((r) => r.object.desi),
    BGS_TARGET: i64((r) => r.object.bgs),
    MWS_TARGET: i64((r) => r.object.mws),
    SCND_TARGET: new BigInt64Array(rows.length),
    PRIORITY_INIT: BigInt64Array.from(priorities, (p) => BigInt(p.priority)),
    SUBPRIORITY: f64((r) => r.subpriority),
    NUMOBS_INIT: BigInt64Array.from(priorities, (p) => BigInt(p.numobs)),
    OBSCONDITIONS: Int32Array.from(priorities, (p) => p.obscond),
    HPXPIXEL: i64(() => BigInt(pixel)),
  };
  const truth: TruthTable = {
    TARGETID: table.TARGETID.slice(),
    MOCKID: i64((r) => (BigInt(pixel) << 22n) | BigInt(r.objid)),
    TRUEZ: f64((r) => r.object.truez),
    TRUESPECTYPE: rows.map((r) => r.object.spectype),
    TEMPLATETYPE: rows.map((r) => r.object.templatetype),
    TEMPLATESUBTYPE: rows.map((r) => r.object.subtype),
    SEED: i64((r) => r.seed),
    MAG: f32((r) => r.object.mag),
    MAGFILTER: rows.map((r) => r.object.magfilter),
    FLUX_G: intrinsic("g"),
    FLUX_R: intrinsic("r"),
    FLUX_Z: intrinsic("z"),
    FLUX_W1: intrinsic("w1"),
    FLUX_W2: intrinsic("w2"),
    OIIFLUX: f32((r) => r.object.oiiflux),
    HBETAFLUX: f32((r) => r.object.hbetaflux),
    VDISP: f32((r) => r.object.vdisp),
    D4000: f32((r) => r.object.d4000),
    OIIIHBETA: f32((r) => r.object.oiiihbeta),
    OIIDOUBLET: f32((r) => r.object.oiidoublet),
    TEFF: f32((r) => r.object.teff),
    LOGG: f32((r) => r.object.logg),
    FEH: f32((r) => r.object.feh),
  };
  // desitarget reads the file's partition from the table HDU's own header too (read_targets_in_hp on a directory).
  const fileKeys = { FILENSID: nside, FILENEST: true, FILEHPX: pixel };
  return {
    targets: { header: { ...header }, TARGETS: { ...table, header: { ...fileKeys } } },
    truth: { header: { ...header }, TRUTH: { ...truth, header: { ...fileKeys } } },
  };
}
