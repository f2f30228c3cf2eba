import { abMagnitude, makeTemplateRow, observedSpectrum } from "../templates/index.js";
import type { MockObject } from "./MockObject.js";

/** Wavelengths (Å) a star's photometry is integrated on: 3000–11000 Å in 4 Å steps, covering decam2014 g, r and z. */
const PHOTOMETRY_WAVE = Float64Array.from({ length: 2001 }, (_, i) => 3000 + 4 * i);

/**
 * The AB colours g − r and r − z (decam2014) of a mock star's own spectrum: the stdlib's template
 * (`observedSpectrum` of stdlib/templates) at the object's TEFF, LOGG, FEH, template type, subtype
 * and radial velocity, which is the spectrum the simulation renders for it. The mock's photometry
 * takes its colours from here, so that the imaging and the spectrum of a star agree.
 */
export function starColours(o: MockObject): [number, number] {
  const row = makeTemplateRow({
    TRUEZ: o.truez,
    TRUESPECTYPE: o.spectype,
    TEMPLATETYPE: o.templatetype,
    TEMPLATESUBTYPE: o.subtype,
    MAG: 20,
    MAGFILTER: "decam2014-r",
    TEFF: o.teff,
    LOGG: o.logg,
    FEH: o.feh,
  });
  const flux = observedSpectrum(row, PHOTOMETRY_WAVE);
  const g = abMagnitude(PHOTOMETRY_WAVE, flux, "decam2014-g");
  const r = abMagnitude(PHOTOMETRY_WAVE, flux, "decam2014-r");
  const z = abMagnitude(PHOTOMETRY_WAVE, flux, "decam2014-z");
  return [g - r, r - z];
}
