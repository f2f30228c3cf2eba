/**
 * The coadd kernel on synthetic repeats of known spectra: noiseless inputs give exactly R_c · truth
 * (the resolution weighted by rows, as the coadded flux is); noisy inputs scatter about it as their
 * ivar says (χ²/dof 1 ± 0.1 per band); cosmic hits are rejected, and are not without rejection;
 * bad fibers stay out of their bands; the fibermap and scores summaries match their definitions.
 */
import { describe, expect, test } from "vitest";
import type { Coadd } from "../../stdlib/datamodel/Coadd.js";
import { FIBERSTATUS } from "../../stdlib/instrument/index.js";
import { coaddSpectra } from "../../stdlib/group/coadd.js";
import { chi2Isf, chi2Threshold, normalTail } from "../../stdlib/group/coaddStats.js";
import { applyDia, BANDS, makeSpectra, NDIAG, type Band, type Hit } from "./coaddFixtures.js";

const up = (b: Band): "B" | "R" | "Z" => b.toUpperCase() as "B" | "R" | "Z";

function bandOf(c: Coadd, b: Band) {
  const B = up(b);
  return { flux: c[`${B}_FLUX`].data, ivar: c[`${B}_IVAR`].data, res: c[`${B}_RESOLUTION`].data, nwave: c[`${B}_WAVELENGTH`].data.length };
}

/** R_c · truth of target t in band b. */
function model(c: Coadd, truth: Float64Array, b: Band, t: number): Float64Array {
  const { res, nwave } = bandOf(c, b);
  return applyDia(res.subarray(t * NDIAG * nwave, (t + 1) * NDIAG * nwave), truth, nwave);
}

describe("χ² quantiles", () => {
  test("match the closed forms for 2 and 4 degrees of freedom and the normal tail at 1 and 4 σ", () => {
    expect(chi2Isf(1e-3, 2)).toBeCloseTo(-2 * Math.log(1e-3), 8);
    // dof 4: Q = e^{-x/2} (1 + x/2).
    const x = chi2Isf(0.05, 4);
    expect(Math.exp(-x / 2) * (1 + x / 2)).toBeCloseTo(0.05, 10);
    expect(normalTail(1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalTail(4)).toBeCloseTo(3.167124183311998e-5, 15);
    expect(chi2Threshold(3, 4)).toBeCloseTo(-2 * Math.log(3.167124183311998e-5), 6);
  });
});

describe("coadd of synthetic repeats", () => {
  test("noiseless repeats through different asymmetric resolutions coadd to exactly R_c · truth", async () => {
    const f = await makeSpectra({ ntarget: 3, nexp: 4, noiseless: true, step: 2, maskFraction: 0.01 });
    const c = coaddSpectra(f.spectra, 4);
    for (const b of BANDS) {
      const { flux, nwave } = bandOf(c, b);
      for (let t = 0; t < 3; t++) {
        const m = model(c, f.truth[b][t]!, b, t);
        let worst = 0;
        for (let i = 0; i < nwave; i++) worst = Math.max(worst, Math.abs(flux[t * nwave + i]! - m[i]!) / Math.abs(m[i]!));
        expect(worst, `${b} target ${t}`).toBeLessThan(1e-5);
      }
    }
  });

  test("noisy repeats scatter about R_c · truth as their ivar says: χ²/dof = 1 ± 0.1 per band", async () => {
    const f = await makeSpectra({ ntarget: 6, nexp: 4, seed: 11, maskFraction: 0.005 });
    const c = coaddSpectra(f.spectra, 4);
    for (const b of BANDS) {
      const { flux, ivar, nwave } = bandOf(c, b);
      let chi2 = 0;
      let dof = 0;
      let rejected = 0;
      for (let t = 0; t < 6; t++) {
        const m = model(c, f.truth[b][t]!, b, t);
        for (let i = 0; i < nwave; i++) {
          const k = t * nwave + i;
          if (!(ivar[k]! > 0)) continue;
          chi2 += (flux[k]! - m[i]!) ** 2 * ivar[k]!;
          dof++;
          let sum = 0;
          for (let e = 0; e < 4; e++) sum += f.spectra[`${up(b)}_IVAR`].data[f.rowOf(t, e) * nwave + i]!;
          if (ivar[k]! < sum * (1 - 1e-6)) rejected++;
        }
      }
      expect(chi2 / dof, `${b}: χ²/dof over ${dof} pixels`).toBeGreaterThan(0.9);
      expect(chi2 / dof, `${b}: χ²/dof over ${dof} pixels`).toBeLessThan(1.1);
      // Masked pixels (0.5 %) lose an exposure; few others should.
      expect(rejected / dof, b).toBeLessThan(0.03);
    }
  });

  test("injected cosmics are rejected at 4 σ, and distort the coadd without rejection", async () => {
    const hits: Hit[] = [];
    for (const b of BANDS)
      for (const [t, e, p] of [
        [0, 1, 300],
        [1, 2, 901],
        [2, 0, 1500],
        [0, 3, 1501],
      ] as const)
        hits.push({ target: t, exp: e, band: b, pixel: p, sigmas: 40 });
    const f = await makeSpectra({ ntarget: 3, nexp: 4, seed: 5, hits });
    const kept = coaddSpectra(f.spectra, 4);
    const raw = coaddSpectra(f.spectra, 0);
    for (const h of hits) {
      const k = h.target * bandOf(kept, h.band).nwave + h.pixel;
      const m = model(kept, f.truth[h.band][h.target]!, h.band, h.target)[h.pixel]!;
      const a = bandOf(kept, h.band);
      const z = bandOf(raw, h.band);
      const exposureIvar = f.spectra[`${up(h.band)}_IVAR`].data[f.rowOf(h.target, h.exp) * a.nwave + h.pixel]!;
      expect(Math.abs(a.flux[k]! - m) * Math.sqrt(a.ivar[k]!), `${h.band} ${h.pixel} kept`).toBeLessThan(4);
      expect(a.ivar[k]!, "the hit exposure is out").toBeCloseTo(z.ivar[k]! - exposureIvar, 2);
      expect(Math.abs(z.flux[k]! - m) * Math.sqrt(z.ivar[k]!), `${h.band} ${h.pixel} without rejection`).toBeGreaterThan(8);
    }
  });

  test("an exposure with a fatal FIBERSTATUS bit for one camera stays out of that band only", async () => {
    const f = await makeSpectra({
      ntarget: 2,
      nexp: 3,
      step: 4,
      status: [
        { target: 0, exp: 1, status: FIBERSTATUS.BADAMPB },
        { target: 1, exp: 0, status: FIBERSTATUS.BROKENFIBER | FIBERSTATUS.BADFIBER },
        { target: 1, exp: 1, status: FIBERSTATUS.BROKENFIBER },
        { target: 1, exp: 2, status: FIBERSTATUS.BADFIBER },
      ],
    });
    const c = coaddSpectra(f.spectra, 4);
    const ivarSum = (b: Band, t: number, exps: number[], i: number) =>
      exps.reduce((a, e) => a + f.spectra[`${up(b)}_IVAR`].data[f.rowOf(t, e) * bandOf(c, b).nwave + i]!, 0);
    expect(bandOf(c, "b").ivar[7]).toBeCloseTo(ivarSum("b", 0, [0, 2], 7), 3);
    expect(bandOf(c, "r").ivar[7]).toBeCloseTo(ivarSum("r", 0, [0, 1, 2], 7), 3);
    const nz = bandOf(c, "z").nwave;
    expect(Array.from(bandOf(c, "z").ivar.subarray(nz, 2 * nz)).every((v) => v === 0)).toBe(true);
    const fm = c.FIBERMAP;
    expect(Array.from(fm.COADD_NUMEXP)).toEqual([3, 0]);
    expect(Array.from(fm.COADD_FIBERSTATUS)).toEqual([0, FIBERSTATUS.BROKENFIBER | FIBERSTATUS.BADFIBER]);
    // Rows are exposure-major: (t0,e0), (t1,e0), (t0,e1), …
    expect(Array.from(c.EXP_FIBERMAP.IN_COADD_B)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(c.EXP_FIBERMAP.IN_COADD_R)).toEqual([1, 0, 1, 0, 1, 0]);
  });
});

describe("coadd FIBERMAP, EXP_FIBERMAP and SCORES", () => {
  test("summaries as desispec's coadd_fibermap and compute_coadd_scores define them", async () => {
    const f = await makeSpectra({ ntarget: 3, nexp: 4, step: 3 });
    const c = coaddSpectra(f.spectra, 4);
    const fm = f.spectra.FIBERMAP;
    expect(c.FIBERMAP.TARGETID).toEqual(fm.TARGETID.slice(0, 3));
    expect(c.EXP_FIBERMAP.TARGETID).toEqual(fm.TARGETID);
    expect("FIBERSTATUS" in c.FIBERMAP || "EXPID" in c.FIBERMAP || "COADD_NUMEXP" in f.spectra.FIBERMAP).toBe(false);
    for (let t = 0; t < 3; t++) {
      const rows = [0, 1, 2, 3].map((e) => f.rowOf(t, e));
      const dx = rows.map((r) => fm.DELTA_X[r]!);
      expect(c.FIBERMAP.COADD_NUMEXP[t]).toBe(4);
      expect(c.FIBERMAP.COADD_EXPTIME[t]).toBeCloseTo(
        rows.reduce((a, r) => a + fm.EXPTIME[r]!, 0),
        3,
      );
      expect(c.FIBERMAP.COADD_NUMNIGHT[t]).toBe(2);
      expect(c.FIBERMAP.COADD_NUMTILE[t]).toBe(3);
      expect(c.FIBERMAP.MEAN_DELTA_X[t]).toBeCloseTo(dx.reduce((a, b) => a + b, 0) / 4, 6);
      expect(c.FIBERMAP.RMS_DELTA_X[t]).toBeCloseTo(Math.sqrt(dx.reduce((a, b) => a + b * b, 0) / 4), 6);
      expect(c.FIBERMAP.MIN_MJD[t]).toBe(fm.MJD[rows[0]!]);
      expect(c.FIBERMAP.MAX_MJD[t]).toBe(fm.MJD[rows[3]!]);
      // Fiber positions straddle RA = 0: the mean stays next to 0/360, not near 180.
      const ra = c.FIBERMAP.MEAN_FIBER_RA[t]!;
      expect(Math.min(ra, 360 - ra)).toBeLessThan(0.002);
      expect(c.FIBERMAP.STD_FIBER_RA[t]).toBeLessThan(3.6);
      for (const b of BANDS) {
        const name = `TSNR2_ELG_${up(b)}` as const;
        const want = rows.reduce((a, r) => a + f.spectra.SCORES[name][r]!, 0);
        expect(Math.abs(c.SCORES[name][t]! / want - 1)).toBeLessThan(1e-6);
      }
      const sum = c.SCORES.TSNR2_LRG_B[t]! + c.SCORES.TSNR2_LRG_R[t]! + c.SCORES.TSNR2_LRG_Z[t]!;
      expect(Math.abs(c.SCORES.TSNR2_LRG[t]! / sum - 1)).toBeLessThan(1e-6);
      // The S/N score: median over 4000–5800 Å of flux √ivar / √Δλ.
      const { flux, ivar, nwave } = bandOf(c, "b");
      const wave = c.B_WAVELENGTH.data;
      const snr: number[] = [];
      for (let i = 0; i < nwave; i++)
        if (wave[i]! >= 4000 && wave[i]! < 5800) snr.push((flux[t * nwave + i]! * Math.sqrt(ivar[t * nwave + i]!)) / Math.sqrt(wave[1]! - wave[0]!));
      snr.sort((a, b) => a - b);
      const mid = snr.length >> 1;
      expect(c.SCORES.MEDIAN_COADD_SNR_B[t]).toBeCloseTo(snr.length % 2 ? snr[mid]! : (snr[mid - 1]! + snr[mid]!) / 2, 3);
    }
  });
});
