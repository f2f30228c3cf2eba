/**
 * A redrock-class redshift fitter (docs/sources.md#redrock): PCA templates of GALAXY, QSO and
 * STAR, a coarse χ² scan of each over its redshift grid, exact fine fits around the best minima
 * with each target's resolution, ZERR from the parabola, DELTACHI2, SPECTYPE/SUBTYPE, COEFF and
 * ZWARN as redrock sets them. Templates are read from redrock's `rrtemplate-*.fits` layout (the
 * stdlib's own trained templates are stored the same way, in `data/`).
 */
export type { Template } from "./Template.js";
export { fullType } from "./Template.js";
export type { Spectrum } from "./Spectrum.js";
export type { Candidate } from "./Candidate.js";
export { velocityDifference } from "./Candidate.js";
export type { FitterOptions, FitTimes, RedshiftFitter, RedshiftResult } from "./redshiftFitter.js";
export { redshiftFitter } from "./redshiftFitter.js";
export { prepareTarget, pixelEdges, SKY_MASK } from "./prepareTarget.js";
export type { PreparedTarget, PreparedBand } from "./prepareTarget.js";
export { encodeTemplateFits, readTemplateFits } from "./templateFits.js";
export { galaxyGrid, linearGrid, logGrid, qsoGrid, starGrid } from "./zGrids.js";
export { ZWARN, BAD_FIT_MASK, MIN_DELTACHI2 } from "./zwarn.js";
export { BAD_CHI2 } from "./exactChi2.js";
export { igmTransmissionAt, LYA } from "./igm.js";
export { OII_WINDOW } from "./TemplateModel.js";
export { fit, fitSpectraSet, redrockOf, stdlibTemplateDir, templatesIn, FIBERMASK, RRVER } from "./kernel.js";
export { zcatalog, zcatalogOf, findPrimary } from "./zcatalog.js";
export type { ZCatalogPart } from "./zcatalog.js";
export { readCoadd, targetRows } from "./readCoadd.js";
export type { SpectraSet, SpectraBand, TargetRows } from "./readCoadd.js";
