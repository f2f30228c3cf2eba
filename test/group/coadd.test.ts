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

describe("per-exposure renormalisation (COADD_NORM)", () => {
  test("an exposure that lost light is scaled back to its target's others and flagged VARIABLE; one with 3 % of it is BADFIBER and left out; the rest keep 1", async () => {
    const lost = 0.6;
    const f = await makeSpectra({
      ntarget: 4,
      nexp: 4,
      seed: 5,
      step: 2,
      maskFraction: 0.005,
      throughput: [
        { target: 1, exp: 2, factor: lost },
        { target: 2, exp: 1, factor: 0.03 },
      ],
    });
    const c = coaddSpectra(f.spectra, 4);
    const plain = coaddSpectra(f.spectra, 4, { normalize: false });
    const exp = c.EXP_FIBERMAP;
    const norm = exp.COADD_NORM!;
    const sigma = exp.SIGMA_COADD_NORM!;
    expect(norm).toBeInstanceOf(Float32Array);
    expect("COADD_NORM" in plain.EXP_FIBERMAP).toBe(false);
    const at = (t: number, e: number) => f.rowOf(t, e);
    const { VARIABLE, BADFIBER } = FIBERSTATUS;

    // Target 1: the dim exposure's factor is 1/0.6 × the others' and theirs agree, to the 2 % the
    // exposures' different resolutions allow (the fit compares R_e · truth of each exposure with
    // the coadd, so their lines differ slightly: noiseless repeats give the same spread); the factors
    // are kept because they change the coadd.
    const others = [0, 1, 3].map((e) => at(1, e));
    const dim = at(1, 2);
    for (const r of others) {
      expect(Math.abs((norm[dim]! * lost) / norm[r]! - 1), `row ${r}`).toBeLessThan(0.03);
      for (const q of others) expect(Math.abs(norm[r]! / norm[q]! - 1)).toBeLessThan(0.015);
      expect(sigma[r]! / norm[r]!).toBeGreaterThan(1e-4);
      expect(sigma[r]! / norm[r]!).toBeLessThan(0.01);
    }
    expect(norm[dim]! / norm[others[0]!]!).toBeGreaterThan(1.5);
    for (let e = 0; e < 4; e++) expect(exp.FIBERSTATUS[at(1, e)]! & VARIABLE, `target 1 exposure ${e}`).toBe(VARIABLE);
    expect(c.FIBERMAP.COADD_FIBERSTATUS[1]! & VARIABLE).toBe(VARIABLE);
    // Its coadd is each band's weighted mean of the rescaled exposures: flux × a, ivar / a².
    for (const b of BANDS) {
      const B = up(b);
      const { flux, ivar, nwave } = bandOf(c, b);
      const i = 101;
      const rows = [0, 1, 2, 3].map((e) => at(1, e));
      const w = rows.map((r) => (f.spectra[`${B}_MASK`].data[r * nwave + i] === 0 ? f.spectra[`${B}_IVAR`].data[r * nwave + i]! / norm[r]! ** 2 : 0));
      const wsum = w.reduce((s, x) => s + x, 0);
      const mean = rows.reduce((s, r, k) => s + w[k]! * f.spectra[`${B}_FLUX`].data[r * nwave + i]! * norm[r]!, 0) / wsum;
      expect(ivar[nwave + i]! / wsum).toBeCloseTo(1, 5);
      expect(Math.abs(flux[nwave + i]! - mean) * Math.sqrt(wsum), b).toBeLessThan(1e-3);
    }

    // Target 2: the exposure with 3 % of the light gets a factor above 10, BADFIBER, and stays out
    // of every band; the other three then agree, so their factors go back to 1, and the coadd is the
    // one made with that exposure marked bad from the start.
    const gone = at(2, 1);
    expect(norm[gone]!).toBeGreaterThan(10);
    expect(exp.FIBERSTATUS[gone]! & BADFIBER).toBe(BADFIBER);
    expect([exp.IN_COADD_B[gone], exp.IN_COADD_R[gone], exp.IN_COADD_Z[gone]]).toEqual([0, 0, 0]);
    // The same spectra with that exposure marked BADFIBER in the file.
    const status = Int32Array.from(f.spectra.FIBERMAP.FIBERSTATUS);
    status[gone] = BADFIBER;
    const marked = { ...f.spectra, FIBERMAP: { ...f.spectra.FIBERMAP, FIBERSTATUS: status } };
    const reference = coaddSpectra(marked, 4, { normalize: false });
    // Targets 0, 2 and 3: factors 1 and σ 0, no VARIABLE bit, the coadd unchanged by renormalising.
    for (const t of [0, 2, 3]) {
      for (let e = 0; e < 4; e++) {
        if (at(t, e) === gone) continue;
        expect([norm[at(t, e)], sigma[at(t, e)], exp.FIBERSTATUS[at(t, e)]! & VARIABLE], `target ${t} exposure ${e}`).toEqual([1, 0, 0]);
      }
      for (const b of BANDS) {
        const { flux, ivar, nwave } = bandOf(c, b);
        const want = bandOf(t === 2 ? reference : plain, b);
        const span = [t * nwave, (t + 1) * nwave] as const;
        expect(Array.from(flux.subarray(...span)), `${b} target ${t}`).toEqual(Array.from(want.flux.subarray(...span)));
        expect(Array.from(ivar.subarray(...span))).toEqual(Array.from(want.ivar.subarray(...span)));
      }
    }
  });
});
