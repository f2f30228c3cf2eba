/**
 * Physically built source spectra for DESI-like simulations, rebuilt from a truth row
 * (desisim py/desisim/templates.py; docs/sources.md#templates): galaxies (ELG, LRG, BGS), quasars (with BALs and the Lyα forest),
 * stars and white dwarfs, and blank sky. Pure and deterministic: every random draw comes from
 * the row's SEED; shared tables are built lazily once per process. Wavelengths are vacuum Å;
 * flux densities are 1e-17 erg/(s cm² Å); each spectrum has AB magnitude MAG through
 * MAGFILTER (DECam g, r, z as published with speclite), with galaxy emission lines at their
 * truth fluxes. See README.md for the models and their sources.
 */
export type { TemplateRow } from "./TemplateRow.js";
export { truthRow } from "./truthRow.js";
export { makeTemplateRow } from "./makeTemplateRow.js";
export type { SourceType } from "./sourceType.js";
export { sourceType } from "./sourceType.js";
export { observedSpectrum } from "./observedSpectrum.js";
export { restFrameSpectrum } from "./restFrameSpectrum.js";
export { igmTransmission } from "./igmTransmission.js";
export { tauEff } from "./lyaForest.js";
export { abMagnitude } from "./abMagnitude.js";
export type { FilterCurve } from "./filterCurve.js";
export { FILTER_NAMES, filterCurve, filterResponse } from "./filterCurve.js";
export { REST } from "./restWavelengths.js";
