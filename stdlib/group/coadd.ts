/**
 * The `coadd` kernel: a healpix pixel's spectra file → its coadd file (desispec `coaddition.coadd`
 * with `compute_coadd_scores`; docs/sources.md#coadd). Each target's exposures are renormalised
 * (COADD_NORM, as desispec does by default; docs/sources.md#coadd-norm), then coadded per band, b,
 * r and z kept apart as redrock fits them; an exposure enters a band's coadd only when its
 * FIBERSTATUS has no bit fatal for that camera. A NaN or ±Infinity flux, ivar or resolution pixel
 * is a masked pixel (IVAR 0, MASK NODATA) in the renormalisation fit and the coadd alike.
 */
import type { Coadd } from "../datamodel/Coadd.js";
import type { Spectra } from "../datamodel/Spectra.js";
import { image } from "../datamodel/values.js";
import { KernelError, type float, type Handle, type KernelContext } from "../kernel.js";
import { coaddBand, type BandCoadd, type BandInput } from "./coaddBand.js";
import { BANDS, coaddFibermap, targetRows, usedInBand, type Band } from "./coaddFibermap.js";
import { NORM_CHI2_THRESHOLD, perExposureNorm, type CoaddNorm } from "./coaddNorm.js";
import { coaddScores } from "./coaddScores.js";
import { hasNonFinite, maskNonFinite } from "./finitePixels.js";

const KERNEL = "group.coadd";

/** desispec's default cosmic-ray rejection threshold, σ. */
export const COSMICS_NSIG = 4;

/** The images of one band of a spectra file, checked against each other. */
function bandOf(spectra: Spectra, band: Band, nspec: number, what: string): BandInput {
  const B = band.toUpperCase() as "B" | "R" | "Z";
  const input: BandInput = {
    wave: spectra[`${B}_WAVELENGTH`].data,
    flux: spectra[`${B}_FLUX`],
    ivar: spectra[`${B}_IVAR`],
    mask: spectra[`${B}_MASK`],
    resolution: spectra[`${B}_RESOLUTION`],
  };
  const nwave = input.wave.length;
  for (const [name, img] of [
    ["FLUX", input.flux],
    ["IVAR", input.ivar],
    ["MASK", input.mask],
  ] as const) {
    if (img.shape[0] !== nspec || img.shape[1] !== nwave)
      throw new KernelError(`${what}: ${B}_${name} is ${img.shape.join("×")} but the file has ${nspec} spectra of ${nwave} ${band} pixels`);
  }
  const [rs, ndiag, rw] = input.resolution.shape;
  if (rs !== nspec || rw !== nwave || ndiag === undefined || ndiag % 2 !== 1)
    throw new KernelError(`${what}: ${B}_RESOLUTION is ${input.resolution.shape.join("×")}, not ${nspec}×(odd number of diagonals)×${nwave}`);
  return finiteBand(input, nwave, ndiag);
}

/** The band with its non-finite pixels masked (on copies; the input is left as it was). */
function finiteBand(input: BandInput, nwave: number, ndiag: number): BandInput {
  const arrays = { flux: input.flux.data, ivar: input.ivar.data, mask: input.mask.data, resolution: input.resolution.data };
  if (!hasNonFinite(arrays)) return input;
  const copy = {
    flux: Float32Array.from(arrays.flux),
    ivar: Float32Array.from(arrays.ivar),
    mask: Int32Array.from(arrays.mask),
    resolution: Float32Array.from(arrays.resolution),
  };
  maskNonFinite(copy, nwave, ndiag);
  return {
    wave: input.wave,
    flux: image(copy.flux, input.flux.shape),
    ivar: image(copy.ivar, input.ivar.shape),
    mask: image(copy.mask, input.mask.shape),
    resolution: image(copy.resolution, input.resolution.shape),
  };
}

/** How {@link coaddSpectra} coadds, beside the cosmic threshold. */
export interface CoaddOptions {
  /** The spectra file's name, for messages. */
  readonly source?: string;
  /** Renormalise each exposure first (COADD_NORM; default true, as desispec's coadd). */
  readonly normalize?: boolean;
  /** The χ² per pixel the renormalisation must change the crude coadd by to be kept (default 0.1). */
  readonly normChi2Threshold?: number;
}

/**
 * Coadds the spectra of one healpix pixel. `cosmics_nsig` is the rejection threshold in σ (0 turns
 * rejection off); `no_normalize` leaves out the per-exposure renormalisation (no COADD_NORM
 * columns); `norm_chi2_threshold` is the χ² per pixel between the crude coadds with and without it
 * above which a target's exposures are renormalised and flagged VARIABLE.
 */
export async function coadd(
  inputs: { readonly spectra: Handle<Spectra> },
  params: { readonly cosmics_nsig?: float; readonly no_normalize?: boolean; readonly norm_chi2_threshold?: float },
  _ctx: KernelContext,
): Promise<{ coadd: Coadd }> {
  const spectra = await inputs.spectra.read();
  return {
    coadd: coaddSpectra(spectra, params.cosmics_nsig ?? COSMICS_NSIG, {
      source: inputs.spectra.path,
      normalize: params.no_normalize !== true,
      normChi2Threshold: params.norm_chi2_threshold ?? NORM_CHI2_THRESHOLD,
    }),
  };
}

/** The coadd of an in-memory spectra value (the kernel's work, for callers that hold one). */
export function coaddSpectra(spectra: Spectra, nsig: number, options: CoaddOptions = {}): Coadd {
  const what = `${KERNEL} (${options.source ?? "spectra"})`;
  const fm = spectra.FIBERMAP;
  const nspec = fm.TARGETID.length;
  if (spectra.SCORES.TARGETID.length !== nspec)
    throw new KernelError(`${what}: SCORES has ${spectra.SCORES.TARGETID.length} rows but FIBERMAP ${nspec}; they must be row-matched`);
  if (!(nsig >= 0)) throw new KernelError(`${what}: cosmics_nsig is ${nsig}; it must be 0 (off) or a positive number of σ`);
  const threshold = options.normChi2Threshold ?? NORM_CHI2_THRESHOLD;
  if (!(threshold >= 0)) throw new KernelError(`${what}: norm_chi2_threshold is ${threshold}; it must be 0 or more`);
  const { targets, rows } = targetRows(fm.TARGETID);
  const inputs = Object.fromEntries(BANDS.map((band) => [band, bandOf(spectra, band, nspec, what)])) as Record<Band, BandInput>;
  const norm: CoaddNorm | undefined = options.normalize === false ? undefined : perExposureNorm(inputs, fm.FIBERSTATUS, fm.OBJTYPE, rows, threshold);
  const status = norm?.status ?? fm.FIBERSTATUS;
  const waves = {} as Record<Band, Float64Array>;
  const coadds = {} as Record<Band, BandCoadd>;
  const ndiags = {} as Record<Band, number>;
  for (const band of BANDS) {
    const input = inputs[band];
    const groups = rows.map((rs) => rs.filter((r) => usedInBand(status[r]!, band)));
    waves[band] = input.wave;
    coadds[band] = coaddBand(input, groups, nsig, norm?.norm);
    ndiags[band] = input.resolution.shape[1]!;
  }
  const { fibermap, exp } = coaddFibermap({ ...fm, FIBERSTATUS: status }, rows, norm);
  const n = targets.length;
  const img = (band: Band) => {
    const nwave = waves[band].length;
    const c = coadds[band];
    return {
      wave: image(Float64Array.from(waves[band]), [nwave]),
      flux: image(c.flux, [n, nwave]),
      ivar: image(c.ivar, [n, nwave]),
      mask: image(c.mask, [n, nwave]),
      res: image(c.resolution, [n, ndiags[band], nwave]),
    };
  };
  const [b, r, z] = [img("b"), img("r"), img("z")];
  return {
    header: { ...spectra.header },
    FIBERMAP: fibermap,
    EXP_FIBERMAP: exp,
    B_WAVELENGTH: b.wave,
    B_FLUX: b.flux,
    B_IVAR: b.ivar,
    B_MASK: b.mask,
    B_RESOLUTION: b.res,
    R_WAVELENGTH: r.wave,
    R_FLUX: r.flux,
    R_IVAR: r.ivar,
    R_MASK: r.mask,
    R_RESOLUTION: r.res,
    Z_WAVELENGTH: z.wave,
    Z_FLUX: z.flux,
    Z_IVAR: z.ivar,
    Z_MASK: z.mask,
    Z_RESOLUTION: z.res,
    SCORES: coaddScores(targets, rows, waves, coadds, spectra.SCORES),
  };
}
