import { describe, expect, it } from "vitest";
import { redshiftFitter, ZWARN, type Spectrum } from "../../stdlib/redshift/index.js";
import { waveGrid } from "../../stdlib/instrument/index.js";
import { loadTemplates } from "./loadTemplates.js";
import { simulateTargets } from "./simulateCoadd.js";
import { agrees, bruteForceFit } from "./bruteForce.js";

const templates = loadTemplates();
const fitter = redshiftFitter(
  templates,
  ["b", "r", "z"].map((b) => waveGrid(b)),
);

describe("the trained templates", () => {
  it("are production-size bases: 10 GALAXY, 4 + 4 QSO, 5 per STAR subtype, on redrock's grids", () => {
    const by = new Map(templates.map((t) => [`${t.spectype}:${t.subtype}`, t]));
    expect(by.get("GALAXY:")!.basis.length).toBe(10);
    expect(by.get("GALAXY:")!.redshifts.length).toBe(1446);
    expect(by.get("QSO:LOZ")!.basis.length).toBe(4);
    expect(by.get("QSO:HIZ")!.basis.length).toBe(4);
    for (const s of ["B", "A", "F", "G", "K", "M", "WD"]) {
      expect(by.get(`STAR:${s}`)!.basis.length).toBe(5);
      expect(by.get(`STAR:${s}`)!.redshifts.length).toBe(101);
    }
  });
});

describe("the fast fitter against the brute-force reference", () => {
  // A gated sample (the full ≥ 500-target comparison is scripts/redshiftExactness.ts).
  const sample = [
    ...simulateTargets("ELG", 2, "exactness-suite"),
    ...simulateTargets("LRG", 1, "exactness-suite"),
    ...simulateTargets("BGS_BRIGHT", 1, "exactness-suite"),
    ...simulateTargets("QSO", 1, "exactness-suite"),
    ...simulateTargets("MWS_MAIN", 1, "exactness-suite"),
  ];
  it("agrees on Z, ZWARN and DELTACHI2 for every target of the sample", () => {
    const rows = sample.map((t) => {
      const fast = fitter.fit(t.spectra);
      const ref = bruteForceFit(templates, t.spectra);
      return {
        cls: t.cls,
        z: t.row.TRUEZ,
        fast: [fast.z, fast.zwarn, fast.deltachi2, fast.spectype],
        ref: [ref.z, ref.zwarn, ref.deltachi2, ref.spectype],
        ok: agrees(fast, ref),
      };
    });
    expect(rows.filter((r) => !r.ok)).toEqual([]);
  }, 400_000);
});

describe("bad input", () => {
  const [t] = simulateTargets("LRG", 1, "bad-input");
  const spectra = t!.spectra;
  const finite = (r: ReturnType<typeof fitter.fit>) => [r.z, r.zerr, r.chi2, r.deltachi2, ...r.coeff].every(Number.isFinite);

  it("an all-masked target is NODATA | LITTLE_COVERAGE | BAD_MINFIT | Z_FITLIMIT (1570), with finite numbers", () => {
    const masked: Spectrum[] = spectra.map((s) => ({ ...s, ivar: new Float32Array(s.wave.length) }));
    const r = fitter.fit(masked);
    expect(r.zwarn).toBe(ZWARN.NODATA | ZWARN.LITTLE_COVERAGE | ZWARN.BAD_MINFIT | ZWARN.Z_FITLIMIT);
    expect(r.npixels).toBe(0);
    expect(finite(r)).toBe(true);
    const viaMask = fitter.fit(spectra.map((s) => ({ ...s, mask: new Int32Array(s.wave.length).fill(1) })));
    expect(viaMask.zwarn).toBe(1570);
  });

  it("a target with one camera only is fitted from that camera, without NaN", () => {
    const one: Spectrum[] = spectra.map((s, i) => (i === 2 ? s : { ...s, ivar: new Float32Array(s.wave.length) }));
    const r = fitter.fit(one);
    expect(r.npixels).toBeGreaterThan(2000);
    expect(r.npixels).toBeLessThan(spectra[2]!.wave.length);
    expect(finite(r)).toBe(true);
    expect(r.zwarn & ZWARN.NODATA).toBe(0);
  });

  it("a target with a few dozen pixels left is LITTLE_COVERAGE (fewer than 10 per coefficient), with finite numbers", () => {
    const few: Spectrum[] = spectra.map((s, i) => {
      const ivar = new Float32Array(s.wave.length);
      if (i === 1) for (let p = 1000; p < 1030; p++) ivar[p] = s.ivar[p]!;
      return { ...s, ivar };
    });
    const r = fitter.fit(few);
    expect(r.npixels).toBe(30);
    expect(r.zwarn & ZWARN.LITTLE_COVERAGE).toBe(ZWARN.LITTLE_COVERAGE);
    expect(r.zwarn & ZWARN.NODATA).toBe(0);
    expect(finite(r)).toBe(true);
    for (const c of r.candidates) expect(c.zwarn & ZWARN.LITTLE_COVERAGE).toBe(ZWARN.LITTLE_COVERAGE);
  });

  it("NaN flux and infinite ivar are masked, not propagated", () => {
    const bad: Spectrum[] = spectra.map((s) => {
      const flux = Float32Array.from(s.flux);
      const ivar = Float32Array.from(s.ivar);
      for (let i = 0; i < flux.length; i += 50) flux[i] = NaN;
      for (let i = 7; i < flux.length; i += 90) ivar[i] = Infinity;
      return { ...s, flux, ivar };
    });
    const r = fitter.fit(bad);
    expect(finite(r)).toBe(true);
    expect(r.npixels).toBeLessThan(fitter.fit(spectra).npixels);
  });
});
