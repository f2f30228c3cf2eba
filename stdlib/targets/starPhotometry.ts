import { abMagnitude, makeTemplateRow, observedSpectrum } from "../templates/index.js";
import { blankObject, type MockObject } from "./MockObject.js";

/** Wavelengths (Å) a star's photometry is integrated on: 3000–11000 Å in 4 Å steps, covering decam2014 g, r and z. */
const PHOTOMETRY_WAVE = Float64Array.from({ length: 2001 }, (_, i) => 3000 + 4 * i);

/**
 * The AB colours g − r and r − z (decam2014) of a mock star's own spectrum: the stdlib's template
 * (`observedSpectrum` of stdlib/templates) at the object's template type, subtype, TEFF, LOGG,
 * [Fe/H] and radial velocity, which is the spectrum the simulation renders for it, integrated on
 * a 4 Å grid (within a few millimag of a 1 Å one). The mock's photometry takes its colours from
 * here, so that the imaging and the spectrum of the star agree. About 1 ms per star.
 */
export function starColours(o: MockObject): [number, number] {
  const row = makeTemplateRow({
    TRUEZ: o.truez,
    TRUESPECTYPE: "STAR",
    TEMPLATETYPE: o.templatetype,
    TEMPLATESUBTYPE: o.subtype,
    MAG: 20,
    MAGFILTER: "decam2014-r",
    TEFF: o.teff,
    LOGG: o.logg,
    FEH: o.feh,
  });
  const flux = observedSpectrum(row, PHOTOMETRY_WAVE);
  const r = abMagnitude(PHOTOMETRY_WAVE, flux, "decam2014-r");
  return [abMagnitude(PHOTOMETRY_WAVE, flux, "decam2014-g") - r, r - abMagnitude(PHOTOMETRY_WAVE, flux, "decam2014-z")];
}

/** Nodes of the colour grid of {@link gridStarColours}: TEFF (K), LOGG and [Fe/H] of the main-sequence and giant MWS stars. */
const GRID_TEFF = Float64Array.from({ length: 28 }, (_, i) => (i <= 12 ? 3200 + 100 * i : 4400 + 200 * (i - 12)));
const GRID_LOGG = Float64Array.of(1.5, 4.8);
const GRID_FEH = Float64Array.from({ length: 31 }, (_, i) => Math.round(10 * (-2.5 + 0.1 * i)) / 10);

/** The grid's colours, computed node by node as they are first needed (key: node index). */
const gridNodes = new Map<number, [number, number]>();

function gridNode(t: number, g: number, m: number): [number, number] {
  const key = (t * GRID_LOGG.length + g) * GRID_FEH.length + m;
  let c = gridNodes.get(key);
  if (c === undefined) {
    c = starColours({ ...blankObject(), truez: 0, templatetype: "STAR", teff: GRID_TEFF[t]!, logg: GRID_LOGG[g]!, feh: GRID_FEH[m]! });
    gridNodes.set(key, c);
  }
  return c;
}

/** The lower node of `x` in `nodes` (clamped) and the weight of the upper one. */
function bracket(nodes: Float64Array, x: number): [number, number] {
  const n = nodes.length;
  const v = Math.min(nodes[n - 1]!, Math.max(nodes[0]!, x));
  let i = 0;
  while (i < n - 2 && nodes[i + 1]! <= v) i++;
  return [i, (v - nodes[i]!) / (nodes[i + 1]! - nodes[i]!)];
}

/**
 * {@link starColours} of a star (template type STAR, radial velocity 0) interpolated trilinearly in
 * a grid of the same templates: TEFF 3200–4400 K every 100 K and on to 7400 K every 200 K, LOGG 1.5 and 4.8 (colours are
 * linear in LOGG to a millimag), [Fe/H] −2.5 to 0.5 every 0.1 (parameters outside are clamped to the
 * grid). Each node is computed once per process, when first needed (at most 1736 spectra), so the MWS stars' photometry follows their spectra at a fixed cost
 * whatever their number; the interpolation is within 0.01 mag of the star's own colours (tested).
 */
export function gridStarColours(teff: number, logg: number, feh: number): [number, number] {
  const [t, u] = bracket(GRID_TEFF, teff);
  const [g, v] = bracket(GRID_LOGG, logg);
  const [m, w] = bracket(GRID_FEH, feh);
  const out: [number, number] = [0, 0];
  for (let a = 0; a < 2; a++) {
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 2; c++) {
        const weight = (a ? u : 1 - u) * (b ? v : 1 - v) * (c ? w : 1 - w);
        if (weight === 0) continue;
        const node = gridNode(t + a, g + b, m + c);
        out[0] += weight * node[0];
        out[1] += weight * node[1];
      }
    }
  }
  return out;
}
