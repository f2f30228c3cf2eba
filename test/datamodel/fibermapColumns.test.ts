/**
 * The fibermap is desispec's main-survey fibermap: its 71 columns in desispec's order with its
 * dtypes (desispec py/desispec/io/fibermap.py `fibermap_columns`, the rows marked for every
 * survey, typed in here), and the values fiber assignment writes in the columns a mock does not
 * model: DESINAME as desiutil's `radec_to_desiname` forms it, FA_TYPE with fiberassign's bits.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { FA_TYPE } from "../../stdlib/fiberassign/constants.js";
import { desiName, sersicOf } from "../../stdlib/fiberassign/desiName.js";
import { composeMembers, readInterfaces, tagsNamed } from "./readJsdoc.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "../../stdlib/datamodel");
const declared = readdirSync(DIR)
  .filter((f) => f.endsWith(".ts"))
  .flatMap((f) => readInterfaces(readFileSync(join(DIR, f), "utf8"), f));
const composed = composeMembers(declared).byName;

/** desispec's main-survey fibermap columns and numpy dtypes, in order. */
// prettier-ignore
const DESISPEC: readonly (readonly [string, string])[] = [
  ["TARGETID", "i8"], ["PETAL_LOC", "i2"], ["DEVICE_LOC", "i4"], ["LOCATION", "i8"], ["FIBER", "i4"], ["FIBERSTATUS", "i4"],
  ["TARGET_RA", "f8"], ["TARGET_DEC", "f8"], ["DESINAME", "U22"], ["PMRA", "f4"], ["PMDEC", "f4"], ["REF_EPOCH", "f4"],
  ["LAMBDA_REF", "f4"], ["FA_TARGET", "i8"], ["FA_TYPE", "u1"], ["OBJTYPE", "U3"], ["FIBERASSIGN_X", "f4"], ["FIBERASSIGN_Y", "f4"],
  ["PRIORITY", "i4"], ["SUBPRIORITY", "f8"], ["OBSCONDITIONS", "i4"], ["RELEASE", "i2"], ["BRICKNAME", "U8"], ["BRICKID", "i4"],
  ["BRICK_OBJID", "i4"], ["MORPHTYPE", "U4"], ["EBV", "f4"], ["FLUX_G", "f4"], ["FLUX_R", "f4"], ["FLUX_Z", "f4"], ["FLUX_W1", "f4"],
  ["FLUX_W2", "f4"], ["FLUX_IVAR_G", "f4"], ["FLUX_IVAR_R", "f4"], ["FLUX_IVAR_Z", "f4"], ["FLUX_IVAR_W1", "f4"], ["FLUX_IVAR_W2", "f4"],
  ["FIBERFLUX_G", "f4"], ["FIBERFLUX_R", "f4"], ["FIBERFLUX_Z", "f4"], ["FIBERTOTFLUX_G", "f4"], ["FIBERTOTFLUX_R", "f4"],
  ["FIBERTOTFLUX_Z", "f4"], ["MASKBITS", "i2"], ["SERSIC", "f4"], ["SHAPE_R", "f4"], ["SHAPE_E1", "f4"], ["SHAPE_E2", "f4"],
  ["REF_ID", "i8"], ["REF_CAT", "U2"], ["GAIA_PHOT_G_MEAN_MAG", "f4"], ["GAIA_PHOT_BP_MEAN_MAG", "f4"], ["GAIA_PHOT_RP_MEAN_MAG", "f4"],
  ["PARALLAX", "f4"], ["PHOTSYS", "U1"], ["PRIORITY_INIT", "i8"], ["NUMOBS_INIT", "i8"], ["DESI_TARGET", "i8"], ["BGS_TARGET", "i8"],
  ["MWS_TARGET", "i8"], ["SCND_TARGET", "i8"], ["PLATE_RA", "f8"], ["PLATE_DEC", "f8"], ["NUM_ITER", "i8"], ["FIBER_X", "f8"],
  ["FIBER_Y", "f8"], ["DELTA_X", "f8"], ["DELTA_Y", "f8"], ["FIBER_RA", "f8"], ["FIBER_DEC", "f8"], ["EXPTIME", "f8"],
];

/** The data model's dtype for a numpy dtype. */
const NUMPY: Record<string, string> = { i8: "i64", i4: "i32", i2: "i16", u1: "u8", f8: "f64", f4: "f32" };

describe("the fibermap is desispec's", () => {
  test("FibermapTable has desispec's 71 main-survey columns, in its order, with its dtypes.", () => {
    // `header` is the HDU's own header, not a column.
    const members = composed.get("FibermapTable")!.filter((m) => m.name !== "header");
    const ours = members.map((m) => {
      const tag = tagsNamed(m.doc, "column")[0]!.text.split(/\s+/);
      return [tag[0], tag[1]];
    });
    expect(DESISPEC.length).toBe(71);
    expect(ours).toEqual(DESISPEC.map(([name, d]) => [name, d.startsWith("U") ? `str${d.slice(1)}` : NUMPY[d]]));
  });

  test("DESINAME truncates RA and Dec to 4 decimals, RA with 3 integer digits and Dec with a sign and 2.", () => {
    expect(desiName(150.00019, 2.00019)).toBe("DESI J150.0001+02.0001");
    expect(desiName(5.5, -0.25)).toBe("DESI J005.5000-00.2500");
    expect(desiName(359.99999, -89.99999)).toBe("DESI J359.9999-89.9999");
    expect(desiName(0, 0)).toBe("DESI J000.0000+00.0000");
    expect(desiName(210.12345, 45.6789)).toHaveLength(22);
    expect(() => desiName(360, 0)).toThrow(RangeError);
    expect(() => desiName(10, Number.NaN)).toThrow(RangeError);
  });

  test("FA_TYPE bits are fiberassign's TARGET_TYPE_*: SCIENCE 1, STANDARD 2, SKY 4, SAFE 8, SUPPSKY 16; SERSIC follows MORPHTYPE.", () => {
    expect(FA_TYPE).toEqual({ SCIENCE: 1, STANDARD: 2, SKY: 4, SAFE: 8, SUPPSKY: 16 });
    expect(["PSF", "REX", "EXP", "DEV", ""].map(sersicOf)).toEqual([0, 1, 1, 4, 0]);
  });
});
