import { FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM, SPEED_OF_LIGHT_KM_PER_S } from "../constants/index.js";
import type { EmissionLine } from "./EmissionLine.js";
import { REST } from "./restWavelengths.js";
import type { TemplateRow } from "./TemplateRow.js";

/** Case B recombination ratios to Hβ at 10⁴ K, n_e = 100 cm⁻³ (Osterbrock & Ferland 2006, Table 4.4). */
const BALMER_TO_HBETA = { HALPHA: 2.86, HGAMMA: 0.468, HDELTA: 0.259, HEPSILON: 0.159 } as const;
/** Lyα/Hβ: Case B's 24.6 times an escape fraction of 4 % (dust and resonant scattering). */
const LYA_TO_HBETA = 1.0;
/** [OIII] 5008/4960 (Storey & Zeippen 2000). */
const OIII_DOUBLET = 2.98;
/** [NII] 6585/6550 (Storey & Zeippen 2000). */
const NII_DOUBLET = 2.94;
/**
 * [SII] (6718 + 6733)/Hα of star-forming galaxies, and the low-density 6718/6733 ratio (1.3, the
 * `siidoublet` default of desisim py/desisim/templates.py `EMSpectrum`).
 */
const SII_TO_HALPHA = 0.3;
const SII_DOUBLET = 1.3;
/** [OII] 3727/3729 used when the truth gives none (desisim templates.py's `oiidoublet` default, low density). */
const DEFAULT_OII_DOUBLET = 0.73;

/**
 * log10([NII] 6585/Hα) of a star-forming galaxy with log10([OIII] 5008/Hβ) = `o3hb`: the
 * Kauffmann et al. (2003) BPT demarcation, y = 0.61/(x − 0.05) + 1.3, solved for x and moved
 * 0.1 dex left onto the star-forming sequence.
 */
function niiHalpha(o3hb: number): number {
  const y = Math.min(o3hb, 1.0);
  return 0.61 / (y - 1.3) + 0.05 - 0.1;
}

/**
 * The emission lines of a galaxy row at their observed wavelengths, with the truth's
 * absolute fluxes (erg/(s cm²) in the truth, 1e-17 erg/(s cm²) here):
 *
 * - [OII] 3727/3729: OIIFLUX split by OIIDOUBLET = F(3727)/F(3729) (0.73 when not given);
 * - Hβ = HBETAFLUX; Hα, Hγ, Hδ, Hε in Case B ratios (Hα/Hβ = 2.86); Lyα = Hβ;
 * - [OIII] 5008 = Hβ · 10^OIIIHBETA and 4960 = 5008/2.98;
 * - [NII] 6585 from the star-forming BPT sequence at that [OIII]/Hβ, 6550 = 6585/2.94;
 * - [SII] 6718 + 6733 = 0.3 Hα in the ratio 1.3 : 1.
 *
 * Every line is a Gaussian of velocity dispersion `vdisp` km/s. A row with HBETAFLUX = 0 has
 * only [OII] (and none if OIIFLUX = 0 too): the truth's fluxes are never invented.
 */
export function galaxyLines(row: TemplateRow, z: number, vdisp: number): EmissionLine[] {
  const lines: EmissionLine[] = [];
  const add = (rest: number, flux: number): void => {
    if (!(flux > 0)) return;
    const center = rest * (1 + z);
    lines.push({ center, sigma: (center * vdisp) / SPEED_OF_LIGHT_KM_PER_S, flux: flux / FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM });
  };
  const oii = row.OIIFLUX;
  const ratio = row.OIIDOUBLET > 0 ? row.OIIDOUBLET : DEFAULT_OII_DOUBLET;
  add(REST.OII_3727, (oii * ratio) / (1 + ratio));
  add(REST.OII_3729, oii / (1 + ratio));
  const hb = row.HBETAFLUX;
  if (hb > 0) {
    const ha = BALMER_TO_HBETA.HALPHA * hb;
    const o3 = hb * 10 ** (Number.isFinite(row.OIIIHBETA) ? row.OIIIHBETA : 0);
    const n2 = ha * 10 ** niiHalpha(Math.log10(o3 / hb));
    add(REST.LYA, LYA_TO_HBETA * hb);
    add(REST.HEPSILON, BALMER_TO_HBETA.HEPSILON * hb);
    add(REST.HDELTA, BALMER_TO_HBETA.HDELTA * hb);
    add(REST.HGAMMA, BALMER_TO_HBETA.HGAMMA * hb);
    add(REST.HBETA, hb);
    add(REST.OIII_4960, o3 / OIII_DOUBLET);
    add(REST.OIII_5008, o3);
    add(REST.NII_6550, n2 / NII_DOUBLET);
    add(REST.HALPHA, ha);
    add(REST.NII_6585, n2);
    add(REST.SII_6718, (SII_TO_HALPHA * ha * SII_DOUBLET) / (1 + SII_DOUBLET));
    add(REST.SII_6733, (SII_TO_HALPHA * ha) / (1 + SII_DOUBLET));
  }
  return lines;
}
