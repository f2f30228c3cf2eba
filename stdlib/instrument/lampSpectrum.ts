import { SECOND_RADIATION_CONSTANT_ANGSTROM_K } from "../constants/index.js";

/** Colour temperature of the flat-field quartz-halogen continuum lamps, K (a model value). */
export const LAMP_TEMPERATURE = 3400;

/** Equivalent flux density of the halogen part of the lamp at 6000 Å, 10^-17 erg/(s cm² Å). */
const LAMP_FLUX_6000 = 6200;

/**
 * The blue LED bank added to the halogen light (DESI's calibration screen is lit by halogen
 * lamps and LEDs): one Gaussian in f_λ centred at 3850 Å with σ 250 Å (the LEDs of 365–420 nm
 * together), its peak 4 times the halogen's flux density at 6000 Å.
 */
const LED_CENTRE = 3850;
const LED_SIGMA = 250;
const LED_PEAK = 4;

/** Exposure time of a flat, s (surveysim writes flats of 120 s). */
export const FLAT_EXPTIME = 120;

/**
 * Ceiling of a flat's electrons per 0.8 Å pixel on any fiber: well below the full well of the
 * CCD pixels a trace spreads an extracted pixel over (4k×4k 15 µm CCDs,
 * docs/sources.md#spectrographs; approximate: ≈ 2·10^5 e⁻ per extracted pixel summed over the ≈ 3 pixels across a trace).
 */
export const FLAT_PEAK_ELECTRONS = 2e5;

/**
 * The flat-field lamp as the flux density that would give the same photons through the
 * telescope's collecting area, 10^-17 erg/(s cm² Å): a 3400 K black body in f_λ (quartz-halogen
 * lamps) scaled to 6200 at 6000 Å, plus a blue LED bank, a Gaussian at 3850 Å of σ 250 Å and peak
 * 4 × 6200, which lifts the blue end of b where the halogen light and the throughput both fall.
 * Through the arm throughputs (dichroic split included) a {@link FLAT_EXPTIME} = 120 s flat on a
 * fiber of nominal throughput collects per 0.8 Å pixel: b 1.8·10^4 (5800 Å, the dichroic edge) to
 * 1.3·10^5 (3890 Å), r 2.3·10^4 (5760 Å) to 1.1·10^5 (7360 Å), z 2.9·10^4 (7520 Å) to 1.45·10^5
 * (8975 Å) e⁻: S/N (√N) 135–380, so above 100 on every pixel of every good fiber (fiber
 * throughputs 0.8–1.2 and ±10 % tilts), and at most ≈ 1.9·10^5 e⁻ on the brightest fiber, under
 * {@link FLAT_PEAK_ELECTRONS}.
 */
export function lampSpectrum(wave: ArrayLike<number>): Float64Array {
  const planck = (w: number): number => w ** -5 / Math.expm1(SECOND_RADIATION_CONSTANT_ANGSTROM_K / (w * LAMP_TEMPERATURE));
  const norm = LAMP_FLUX_6000 / planck(6000);
  const out = new Float64Array(wave.length);
  for (let i = 0; i < wave.length; i++) {
    const w = wave[i]!;
    const led = LED_PEAK * LAMP_FLUX_6000 * Math.exp(-0.5 * ((w - LED_CENTRE) / LED_SIGMA) ** 2);
    out[i] = norm * planck(w) + led;
  }
  return out;
}
