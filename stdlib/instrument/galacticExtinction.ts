/** R_V = A_V / E(B−V) of the diffuse Milky Way, the value of the extinction curve used here. */
export const MILKY_WAY_RV = 3.1;

/**
 * Milky Way extinction per unit reddening, A_λ / E(B−V), at vacuum wavelength `wave` Å: the
 * Cardelli, Clayton & Mathis (1989, ApJ 345, 245) curve for R_V = 3.1, A_λ / A_V = a(x) + b(x)/R_V
 * with x = 1/λ in µm⁻¹, their eqs. 2 (infrared, 0.3 ≤ x < 1.1: a = 0.574 x^1.61,
 * b = −0.527 x^1.61) and 3 (optical, 1.1 ≤ x ≤ 3.3: seventh-order polynomials in y = x − 1.82).
 * 3.1 at 5495 Å (x = 1.82), 4.86 at 3597 Å, 2.33 at 6993 Å, 1.48 at 9009 Å. The wavelength is
 * used as given (vacuum, as everywhere in DESI files); the curve changes by 10⁻⁴ mag per Å, so
 * the 1.7 Å between air and vacuum does not matter. Outside 0.3 ≤ x ≤ 3.3 (3030 Å – 3.3 µm) the
 * nearest branch is extrapolated.
 */
export function milkyWayExtinction(wave: number): number {
  const x = 1e4 / wave;
  let a: number;
  let b: number;
  if (x < 1.1) {
    const p = x ** 1.61;
    a = 0.574 * p;
    b = -0.527 * p;
  } else {
    const y = x - 1.82;
    a = 1 + y * (0.17699 + y * (-0.50447 + y * (-0.02427 + y * (0.72085 + y * (0.01979 + y * (-0.7753 + y * 0.32999))))));
    b = y * (1.41338 + y * (2.28305 + y * (1.07233 + y * (-5.38434 + y * (-0.62251 + y * (5.3026 + y * -2.09002))))));
  }
  return MILKY_WAY_RV * a + b;
}

/**
 * Schlafly & Finkbeiner's (2011, ApJ 737, 103) recalibration of the SFD dust map: the true
 * E(B−V) is 0.86 times the map's. Fibermap and target EBV columns are SFD values.
 */
export const SFD_RECALIBRATION = 0.86;

/**
 * Milky Way extinction per unit of the fibermap's (SFD) EBV at vacuum wavelength `wave` Å:
 * 0.86 × {@link milkyWayExtinction}, A_λ = 0.86 · R_CCM(λ) · EBV. Through DECam g, r, z this is
 * 3.16, 2.24, 1.24 (at 4800, 6420, 9180 Å), within 3.5 % of the coefficients desitarget and the
 * targets here redden FLUX_G/R/Z with (3.214, 2.165, 1.211; Schlafly & Finkbeiner 2011 with
 * Fitzpatrick 1999), so spectra and imaging fluxes agree; 2.67 at 5495 Å, 4.18 at 3600 Å.
 */
export function sfdExtinction(wave: number): number {
  return SFD_RECALIBRATION * milkyWayExtinction(wave);
}

/**
 * Multiplies `flux` (sampled at `wave` Å) in place by the Milky Way's transmission for reddening
 * `ebv` = E(B−V): 10^(−0.4 A_λ) with A_λ = E(B−V) · {@link milkyWayExtinction}(λ). `curve`, when
 * given, holds A_λ / E(B−V) at each wavelength already (e.g. {@link sfdExtinction} for an SFD EBV).
 */
export function redden(wave: ArrayLike<number>, flux: Float32Array | Float64Array, ebv: number, curve?: ArrayLike<number>): void {
  if (!(ebv !== 0) || !Number.isFinite(ebv)) return;
  const c = -0.4 * Math.LN10 * ebv;
  for (let i = 0; i < flux.length; i++) flux[i]! *= Math.exp(c * (curve !== undefined ? curve[i]! : milkyWayExtinction(wave[i]!)));
}
