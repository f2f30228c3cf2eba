import { FLAT_EXPTIME } from "../instrument/index.js";
import type { KernelContext, date, float, int } from "../kernel.js";
import { capPoint } from "./capPoint.js";
import type { ExampleExposures } from "./ExampleExposures.js";

/** EXPID of the first exposure; the others follow in order. */
const FIRST_EXPID = 1000;

const DAY_MS = 86_400_000;

/** YYYYMMDD → milliseconds since the epoch at 00:00 UTC; throws for a date that does not exist. */
function nightToMs(night: number): number {
  const y = Math.floor(night / 10000);
  const m = Math.floor(night / 100) % 100;
  const d = night % 100;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (!Number.isInteger(night) || back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`firstNight ${night} is not a date YYYYMMDD`);
  }
  return ms;
}

function msToNight(ms: number): number {
  const t = new Date(ms);
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
}

function checkCount(name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} = ${v} is not an integer in [${min}, ${max}]`);
}

/**
 * Draws the example survey's schedule: `nnight` nights from `firstNight`, each 1 to 3 days after
 * the previous one; every night one flat-lamp exposure (120 s) then `nexp` science exposures
 * of 0.8 to 1.2 × `exptime`, observing `ntile` tiles in turn. Tile centres are uniform within
 * `patch` degrees of (`ra`, `dec`). The table's meta carries the seed of the simulated truth
 * (drawn here), `nfiber` and the field `radius`, which `simulate`, `observedPixels` and
 * `pixelExposures` read.
 */
export function schedule(
  _inputs: Readonly<Record<string, never>>,
  params: {
    /**
     * Nights observed.
     * @default 2
     */
    readonly nnight: int;
    /**
     * Science exposures per night.
     * @default 2
     */
    readonly nexp: int;
    /**
     * Tiles, observed in turn, so that each is seen on several exposures.
     * @default 2
     */
    readonly ntile: int;
    /**
     * Fibers per exposure; every fifth is a sky fiber.
     * @default 20
     */
    readonly nfiber: int;
    /**
     * The first night.
     * @default 20201214
     */
    readonly firstNight: date;
    /**
     * Right ascension of the patch's centre.
     * @unit deg
     * @default 150.1
     */
    readonly ra: float;
    /**
     * Declination of the patch's centre.
     * @unit deg
     * @default 2.2
     */
    readonly dec: float;
    /**
     * Radius of the patch where tile centres lie.
     * @unit deg
     * @default 1
     */
    readonly patch: float;
    /**
     * Radius of the field around each pointing where its targets lie.
     * @unit deg
     * @default 0.8
     */
    readonly radius: float;
    /**
     * Nominal science exposure time.
     * @unit s
     * @default 1000
     */
    readonly exptime: float;
  },
  ctx: KernelContext,
): { exposures: ExampleExposures } {
  const { nnight, nexp, ntile, nfiber, firstNight, ra, dec, patch, radius, exptime } = params;
  checkCount("nnight", nnight, 1, 10000);
  checkCount("nexp", nexp, 0, 10000);
  checkCount("ntile", ntile, 1, 100000);
  checkCount("nfiber", nfiber, 1, 65536);
  if (!(radius > 0 && radius < 90) || !(patch >= 0 && patch < 90))
    throw new RangeError(`radius ${radius} and patch ${patch} must be angles in degrees below 90`);
  if (!(exptime > 0)) throw new RangeError(`exptime ${exptime} s is not positive`);
  const start = nightToMs(firstNight);

  // 53 random bits: the truth stream takes the seed as an exact JS number.
  const simseed = ctx.rng.uint64() >> 11n;
  const tiles = Array.from({ length: ntile }, () => capPoint(ra, dec, patch, ctx.rng.uniform(), ctx.rng.uniform()));

  const n = nnight * (1 + nexp);
  const out = {
    EXPID: new Int32Array(n),
    NIGHT: new Int32Array(n),
    TILEID: new Int32Array(n),
    FLAVOR: [] as string[],
    EXPTIME: new Float32Array(n),
    RA: new Float64Array(n),
    DEC: new Float64Array(n),
  };
  let ms = start;
  let row = 0;
  let science = 0;
  for (let k = 0; k < nnight; k++) {
    if (k > 0) ms += DAY_MS * (1 + Math.floor(3 * ctx.rng.uniform()));
    const night = msToNight(ms);
    for (let j = 0; j <= nexp; j++, row++) {
      out.EXPID[row] = FIRST_EXPID + row;
      out.NIGHT[row] = night;
      if (j === 0) {
        out.TILEID[row] = -1;
        out.FLAVOR.push("flat");
        out.EXPTIME[row] = FLAT_EXPTIME;
        continue;
      }
      const tile = science++ % ntile;
      const [tra, tdec] = tiles[tile] ?? [ra, dec];
      out.TILEID[row] = tile;
      out.FLAVOR.push("science");
      out.EXPTIME[row] = exptime * (0.8 + 0.4 * ctx.rng.uniform());
      out.RA[row] = tra;
      out.DEC[row] = tdec;
    }
  }
  ctx.log(`schedule: ${n} exposures on ${nnight} nights, ${ntile} tiles, ${nfiber} fibers`);
  // Integer keys as bigint, which ECSV writes as YAML integers (astropy reads them as int).
  return { exposures: { meta: { SIMSEED: simseed, NFIBER: BigInt(nfiber), RADIUS: radius }, ...out } };
}
