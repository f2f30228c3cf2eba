import { abMagnitude, makeTemplateRow, observedSpectrum } from "../templates/index.js";
import type { MockObject } from "./MockObject.js";

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
