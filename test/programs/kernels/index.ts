/** Kernels and data model of the program-stage tests: spectra made by a kernel, smoothed by a Python program, summed by a kernel. */
import { existsSync, writeFileSync } from "node:fs";
import type { Header, Image } from "../../../stdlib/datamodel/values.js";
import type { Handle, KernelContext, int } from "../../../stdlib/kernel.js";

/**
 * A spectrum: flux on a wavelength grid.
 * @format fits
 * @header NPIX int - pixels of the spectrum
 */
export interface Spectrum {
  /** Primary header. */
  readonly header: Header;
  /**
   * Flux per pixel.
   * @hdu FLUX
   * @dtype f32
   * @dims [wave]
   */
  readonly FLUX: Image<Float32Array>;
}

/**
 * A spectrum smoothed by a boxcar, as the program writes it.
 * @format fits
 * @header WIDTH int - boxcar width in pixels
 * @header NOTE str - the free text the program was given
 */
export interface Smoothed {
  /** Primary header. */
  readonly header: Header;
  /**
   * Smoothed flux per pixel.
   * @hdu FLUX
   * @dtype f32
   * @dims [wave]
   */
  readonly FLUX: Image<Float32Array>;
}

/**
 * Totals of smoothed spectra.
 * @format json
 */
export interface Totals {
  /** Sum of each spectrum's flux, in key order. */
  readonly sums: readonly number[];
}

/** A seeded spectrum of `npix` pixels: a slope plus unit-variance noise. */
export function make(
  _inputs: Readonly<Record<string, never>>,
  params: {
    /**
     * Pixels.
     * @default 64
     */
    readonly npix: int;
  },
  ctx: KernelContext,
): { spectrum: Spectrum } {
  const n = params.npix;
  const flux = new Float32Array(n);
  for (let i = 0; i < n; i++) flux[i] = 10 + 0.1 * i + ctx.rng.normal();
  return { spectrum: { header: { NPIX: n }, FLUX: { data: flux, shape: [n] } } };
}

/** The sum of each smoothed spectrum's flux. */
export async function total(
  inputs: { readonly smoothed: readonly Handle<Smoothed>[] },
  _params: Readonly<Record<string, never>>,
  _ctx: KernelContext,
): Promise<{ totals: Totals }> {
  const sums: number[] = [];
  for (const h of inputs.smoothed) sums.push((await h.read()).FLUX.data.reduce((a, b) => a + b, 0));
  return { totals: { sums } };
}

/** Fails the first time it runs for a partition (it leaves `MARKER-n` to know), succeeds after: `retry` makes it pass. An empty marker fails always. */
export function flaky(
  _inputs: Readonly<Record<string, never>>,
  params: {
    /**
     * Path prefix of the files that say a partition failed once.
     * @default ""
     */
    readonly marker: string;
  },
  ctx: KernelContext,
): { first: Totals } {
  const n = Number(ctx.key["n"]);
  const file = `${params.marker}-${n}`;
  if (params.marker === "") throw new Error(`partition n = ${n} always fails`);
  if (!existsSync(file)) {
    writeFileSync(file, "failed once\n");
    throw new Error(`partition n = ${n} fails on its first attempt`);
  }
  return { first: { sums: [n] } };
}

/** The totals, plus one. */
export async function after(
  inputs: { readonly first: Handle<Totals> },
  _params: Readonly<Record<string, never>>,
  _ctx: KernelContext,
): Promise<{ second: Totals }> {
  return { second: { sums: (await inputs.first.read()).sums.map((x) => x + 1) } };
}
