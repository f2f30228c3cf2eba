/**
 * The physical and astronomical constants of the standard library, each defined once, named
 * with its unit, with its primary source. Every other module imports them from here (a test
 * fails when one of their values is written as a literal anywhere else under `src/` or
 * `stdlib/`). Conversions to other units are exact powers of ten of the defining value.
 *
 * Sources: CODATA 2018, E. Tiesinga et al., Rev. Mod. Phys. 93, 025010 (2021), with the 2019
 * SI, where c, h and k are exact; IAU 2012 Resolution B2 (the astronomical unit); the IAU (1976)
 * System of Astronomical Constants, as used by J. Meeus, Astronomical Algorithms (2nd ed., 1998),
 * ch. 40 and 47; J. B. Oke & J. E. Gunn, ApJ 266, 713 (1983) (the AB system). Two photometric
 * conventions the stdlib shares are here too, each once: DESI's flux-density unit and the
 * nanomaggy's zero point.
 */

/** Speed of light in vacuum, m/s (exact by the definition of the metre; CODATA 2018). */
export const SPEED_OF_LIGHT_M_PER_S = 299792458;

/** Speed of light in vacuum, km/s. */
export const SPEED_OF_LIGHT_KM_PER_S = SPEED_OF_LIGHT_M_PER_S / 1e3;

/** Speed of light in vacuum, Å/s. */
export const SPEED_OF_LIGHT_ANGSTROM_PER_S = SPEED_OF_LIGHT_M_PER_S * 1e10;

/** Planck constant, J s (exact in the 2019 SI; CODATA 2018). */
export const PLANCK_J_S = 6.62607015e-34;

/** Planck constant, erg s (1 erg = 10⁻⁷ J). */
export const PLANCK_ERG_S = PLANCK_J_S * 1e7;

/** Planck constant times the speed of light, erg Å: the energy of a 1 Å photon. */
export const HC_ERG_ANGSTROM = PLANCK_ERG_S * SPEED_OF_LIGHT_ANGSTROM_PER_S;

/**
 * Second radiation constant c₂ = hc/k, Å K (CODATA 2018: 1.438776877…×10⁻² m K, exact in the 2019
 * SI and given to 10 digits): the exponent of Planck's law is c₂/(λT).
 */
export const SECOND_RADIATION_CONSTANT_ANGSTROM_K = 1.438776877e8;

/** The astronomical unit, km (exact; IAU 2012 Resolution B2: 149 597 870 700 m). */
export const ASTRONOMICAL_UNIT_KM = 149597870.7;

/**
 * Equatorial radius of the Earth, km (IAU 1976 System of Astronomical Constants, 6 378 140 m;
 * the value of Meeus's lunar parallax and topocentric formulae).
 */
export const EARTH_EQUATORIAL_RADIUS_KM = 6378.14;

/**
 * Zero point of the AB magnitude system, erg/(s cm² Hz): m_AB = −2.5 log10(f_ν / 3631 Jy), with
 * 1 Jy = 10⁻²³ erg/(s cm² Hz) (Oke & Gunn 1983).
 */
export const AB_ZERO_POINT_ERG_PER_S_CM2_HZ = 3631e-23;

/**
 * DESI's flux-density unit, erg/(s cm² Å): calibrated spectra are in 10⁻¹⁷ erg/(s cm² Å) (BUNIT
 * of a cframe's FLUX, docs/sources.md#datamodel).
 */
export const FLUX_UNIT_ERG_PER_S_CM2_ANGSTROM = 1e-17;

/**
 * AB magnitude of a flux of one nanomaggy: m = 22.5 − 2.5 log10(f / nMgy), the unit of the
 * Legacy Surveys' catalogue fluxes (Dey et al. 2019, AJ 157, 168) that DESI's targets carry.
 */
export const NANOMAGGY_AB_MAG = 22.5;
