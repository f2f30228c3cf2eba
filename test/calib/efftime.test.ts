/**
 * EFFTIME from the cframes' TSNR2 (SNR2TIME · Σ_cameras TSNR2_ELG, median over the petal's good
 * fibers) against the survey simulator's EFFTIME (desispec's EFFTIME_DARK formula on the
 * exposure's conditions) for a simulated exposure in poorer conditions than nominal (airmass 1.35,
 * seeing 1.4″, transparency 0.85, moon up): measured 1.099 of the survey's, within the 10 % asked.
 */
import { describe, expect, it } from "vitest";
import { efftimeOf } from "../../stdlib/calib/index.js";
import type { CFrame } from "../../stdlib/datamodel/CFrame.js";
import { skyBrightnessR } from "../../stdlib/instrument/index.js";
import { effectiveTime } from "../../stdlib/survey/effectiveTime.js";
import { fiberFactor } from "../../stdlib/survey/fiberFactor.js";
import { reduce, simulateExposure } from "./fluxFixtures.js";

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const CONDITIONS = [{ EXPID: 202, AIRMASS: 1.35, SEEING: 1.4, TRANSP: 0.85, EXPTIME: 1400, MOONFRAC: 0.4, MOONALT: 30, MOONSEP: 70 }];

/** A cframe's TSNR2_ELG column, named with its camera's band (TSNR2_ELG_B in a b cframe). */
function tsnr2Elg(cf: CFrame): Float64Array {
  const band = String(cf.header["CAMERA"]).charAt(0).toUpperCase();
  const col = (cf.SCORES as unknown as Record<string, Float64Array | undefined>)[`TSNR2_ELG_${band}`];
  if (col === undefined) throw new Error(`cframe ${String(cf.header["CAMERA"])} has no TSNR2_ELG_${band}`);
  return col;
}

describe("EFFTIME from TSNR2", () => {
  for (const c of CONDITIONS) {
    it(`agrees with the survey simulator's EFFTIME within 10 % (airmass ${c.AIRMASS}, seeing ${c.SEEING}″, transparency ${c.TRANSP})`, async () => {
      const sim = await simulateExposure(c, 5);
      const { cframes } = await reduce(sim, c.EXPID);
      const fm = cframes[0]!.FIBERMAP;
      const eff: number[] = [];
      const ebv: number[] = [];
      for (let f = 0; f < fm.FIBER.length; f++) {
        if (fm.FIBERSTATUS[f] !== 0 || fm.OBJTYPE[f] !== "TGT") continue;
        eff.push(
          efftimeOf(
            "ELG",
            cframes.reduce((s, cf) => s + tsnr2Elg(cf)[f]!, 0),
          ),
        );
        ebv.push(fm.EBV[f]!);
      }
      const sky = skyBrightnessR({ airmass: c.AIRMASS, fraction: c.MOONFRAC ?? 0, altitude: c.MOONALT ?? -30, separation: c.MOONSEP ?? 90 });
      const survey = effectiveTime(c.EXPTIME, { fiberFactor: fiberFactor(c.SEEING, c.TRANSP), airmass: c.AIRMASS, sky, ebv: median(ebv) });
      const ours = median(eff);
      console.log(`exposure ${c.EXPID}: EFFTIME from TSNR2 ${ours.toFixed(0)} s, survey ${survey.toFixed(0)} s, ratio ${(ours / survey).toFixed(3)}`);
      expect(Math.abs(ours / survey - 1)).toBeLessThan(0.1);
      // Generous: on 2 cores shared with other jobs (load 15) this test took 130 s.
    }, 300_000);
  }
});
