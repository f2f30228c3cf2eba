/**
 * A model of the DESI instrument and observing site for simulation (docs/sources.md#telescope, #spectrographs, #specsim): the
 * b/r/z reduction grids, collecting area, arm throughputs split by the dichroics, Kitt Peak
 * extinction, Milky Way extinction (CCM89), the one sky model (dark sky with its airmass
 * dependence and scattered moonlight, and its r-band brightness for the survey), fiber
 * acceptance vs seeing and source size, the 11-diagonal resolution model with per-fiber
 * variations, effective read noise, the flat-field lamp and the fixed per-fiber properties
 * (throughput, bad fibers). Pure functions of their arguments; the only public door of
 * `stdlib/instrument`.
 */

export { COLLECTING_AREA_CM2, FIBER_DIAMETER_ARCSEC, FIBER_SOLID_ANGLE_ARCSEC2, PIXEL_ANGSTROM, photonsPerFluxUnit } from "./telescope.js";
export { BANDS, TRACE_WIDTH_PIXELS, cameraSpec, effectiveReadNoise } from "./cameras.js";
export type { Band, CameraSpec } from "./cameras.js";
export { SIM_FIRST_WAVE, SIM_LAST_WAVE, SIM_NWAVE, armOffset, simWaveGrid, waveGrid } from "./waveGrid.js";
export { dichroicFraction, throughput, throughputCurve, totalThroughput } from "./throughput.js";
export { airmassAt, atmosphericTransmission, extinction, zenithAngleOf } from "./extinction.js";
export { abMagnitude, decamR, flatFnuFlux } from "./abMagnitude.js";
export { airToVacuum } from "./airToVacuum.js";
export { MILKY_WAY_RV, SFD_RECALIBRATION, milkyWayExtinction, redden, sfdExtinction } from "./galacticExtinction.js";
export { DARK_SKY_R_MAG, SKY_LINES, SKY_LINE_SIGMA, darkSky, skyBrightnessR, skySpectrum } from "./skySpectrum.js";
export type { SkyConditions } from "./skySpectrum.js";
export { MOON_V_EXTINCTION, moonBrightnessV, moonPhaseAngleOf, moonSpectrum, moonlightOfV, scatteredMoonV } from "./moonSpectrum.js";
export type { MoonGeometry } from "./moonSpectrum.js";
export { MOFFAT_BETA, SEEING_WAVE, fiberAcceptance, pointSourceAcceptance, seeingAt, sourceProfile } from "./fiberAcceptance.js";
export type { SourceProfile } from "./fiberAcceptance.js";
export { NDIAG, applyResolution, lsfAt, lsfCdf, resolutionSigma, writeResolution } from "./resolution.js";
export type { FiberLsf } from "./resolution.js";
export { FLAT_EXPTIME, FLAT_PEAK_ELECTRONS, LAMP_TEMPERATURE, lampSpectrum } from "./lampSpectrum.js";
export { FIBERSTATUS, SPECMASK } from "./fiberMasks.js";
export {
  FIBERS_PER_PETAL,
  badFiberStatus,
  badFiberTransmission,
  fiberInstrument,
  fiberResponse,
  fiberTilt,
  scienceThroughputChange,
  storedLsf,
} from "./fiberInstrument.js";
export type { FiberInstrument } from "./fiberInstrument.js";
