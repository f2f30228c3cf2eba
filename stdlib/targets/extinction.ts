/**
 * Galactic extinction of the imaging bands: A_band = R_band · E(B−V), with R the extinction
 * coefficients the Legacy Surveys (DR8 onwards) and desitarget use for DECam g, r, z and WISE W1,
 * W2, from Schlafly & Finkbeiner (2011, ApJ 737, 103; R_V = 3.1 Fitzpatrick 1999 reddening law)
 * (desihub/desitarget py/desitarget/mock/mockmaker.py `mw_transmission`: G 3.214, R 2.165,
 * Z 1.211, W1 0.184, W2 0.113); desispec py/desispec/efftime.py uses the same r value,
 * A_r = 2.165 E(B−V) (docs/sources.md#sky).
 */
export const EXTINCTION_COEFFICIENTS = { g: 3.214, r: 2.165, z: 1.211, w1: 0.184, w2: 0.113 } as const;

/** An imaging band with an extinction coefficient. */
export type ImagingBand = keyof typeof EXTINCTION_COEFFICIENTS;

/**
 * The Milky Way transmission in `band` at reddening `ebv` (mag): 10^(−0.4 R_band E(B−V)), the
 * factor from an intrinsic flux to the observed one (desitarget's MW_TRANSMISSION_*).
 */
export function mwTransmission(band: ImagingBand, ebv: number): number {
  return 10 ** (-0.4 * EXTINCTION_COEFFICIENTS[band] * ebv);
}
