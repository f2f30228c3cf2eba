import { image } from "../datamodel/values.js";
import type { Handle, KernelContext } from "../kernel.js";
import { median } from "../math/index.js";
import type { ExampleCFrame } from "./ExampleCFrame.js";
import type { ExampleFlat } from "./ExampleFlat.js";
import type { ExampleFrame } from "./ExampleFrame.js";
import { fluxCalibration } from "./fluxCalibration.js";
import { sameWavelengths } from "./sameWavelengths.js";

/**
 * Calibrates one science frame (docs/sources.md#fiberflat, #sky-subtraction, #fluxcalib): divides it by the
 * night's fiber flat with desispec's error propagation (1/ivar' = 1/(ivar F²) + flux²/(ivar_F
 * F⁴)); subtracts a sky spectrum taken, at each wavelength, as the median over the good SKY
 * fibers (over all fibers when there are none), whose variance (π/2 · median variance / n) is
 * added to every fiber's; and divides by the instrument's fixed point-source calibration vector
 * for the exposure time (see `fluxCalibration`), giving 10^-17 erg/(s cm² Å). Pixels where the
 * flat is 0 or unknown, or the frame has no information, get IVAR 0 and FLUX 0.
 */
export async function calibrate(
  inputs: { readonly frame: Handle<ExampleFrame>; readonly fiberflat: Handle<ExampleFlat> },
  _params: Readonly<Record<string, never>>,
  ctx: KernelContext,
): Promise<{ cframe: ExampleCFrame }> {
  const [frame, flat] = await Promise.all([inputs.frame.read(), inputs.fiberflat.read()]);
  const [nfiber = 0, nwave = 0] = frame.FLUX.shape;
  if (flat.FIBERFLAT.shape[0] !== nfiber || flat.FIBERFLAT.shape[1] !== nwave) {
    throw new Error(`example.calibrate: the frame has ${nfiber}×${nwave} pixels but the fiber flat ${flat.FIBERFLAT.shape.join("×")}`);
  }
  sameWavelengths(frame.WAVELENGTH.data, flat.WAVELENGTH.data, "example.calibrate: the frame and the fiber flat");
  const size = nfiber * nwave;

  // 1. Flat-field.
  const flux = new Float64Array(size);
  const ivar = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const F = flat.FIBERFLAT.data[k] ?? 0;
    const iF = flat.IVAR.data[k] ?? 0;
    const d = frame.FLUX.data[k] ?? 0;
    const iD = frame.IVAR.data[k] ?? 0;
    if (F <= 0 || iF <= 0 || iD <= 0) continue;
    flux[k] = d / F;
    ivar[k] = 1 / (1 / (iD * F * F) + (d * d) / (iF * F ** 4));
  }

  // 2. Sky: median over the good sky fibers at each wavelength.
  const fm = frame.FIBERMAP;
  let skyFibers: number[] = [];
  for (let f = 0; f < nfiber; f++) if (fm.OBJTYPE[f] === "SKY" && fm.FIBERSTATUS[f] === 0) skyFibers.push(f);
  if (skyFibers.length === 0) {
    ctx.log(`example.calibrate: exposure ${String(frame.header["EXPID"])} has no good sky fiber; the sky is the median of all fibers`);
    skyFibers = Array.from({ length: nfiber }, (_, f) => f);
  }
  for (let i = 0; i < nwave; i++) {
    const values: number[] = [];
    const variances: number[] = [];
    for (const f of skyFibers) {
      const w = ivar[f * nwave + i] ?? 0;
      if (w <= 0) continue;
      values.push(flux[f * nwave + i] ?? 0);
      variances.push(1 / w);
    }
    if (values.length === 0) {
      for (let f = 0; f < nfiber; f++) ivar[f * nwave + i] = 0;
      continue;
    }
    const sky = median(values);
    const skyVar = ((Math.PI / 2) * median(variances)) / values.length;
    for (let f = 0; f < nfiber; f++) {
      const k = f * nwave + i;
      const w = ivar[k] ?? 0;
      if (w <= 0) continue;
      flux[k] = (flux[k] ?? 0) - sky;
      ivar[k] = 1 / (1 / w + skyVar);
    }
  }

  // 3. Flux calibration.
  const exptime = Number(frame.header["EXPTIME"]);
  const camera = String(frame.header["CAMERA"]);
  if (!(exptime > 0)) throw new Error(`example.calibrate: the frame's EXPTIME ${String(frame.header["EXPTIME"])} is not a positive time`);
  const calib = fluxCalibration(camera, frame.WAVELENGTH.data, exptime);
  const cflux = new Float32Array(size);
  const civar = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    const c = calib[k % nwave] ?? 0;
    const w = ivar[k] ?? 0;
    if (c <= 0 || w <= 0) continue;
    cflux[k] = (flux[k] ?? 0) / c;
    civar[k] = w * c * c;
  }

  return {
    cframe: {
      header: { ...frame.header },
      FLUX: image(cflux, [nfiber, nwave]),
      IVAR: image(civar, [nfiber, nwave]),
      WAVELENGTH: image(Float64Array.from(frame.WAVELENGTH.data), [nwave]),
      FIBERMAP: fm,
    },
  };
}
