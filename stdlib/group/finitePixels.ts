/**
 * Non-finite pixels of spectra images. desispec's coadd has no test for NaN or ±Infinity (a NaN
 * flux where IVAR is 0 still poisons the weighted sum as 0·NaN), so dflow makes such a pixel a
 * masked pixel wherever spectra images are written or combined: FLUX 0, IVAR 0, MASK with
 * specmask's NODATA bit (docs/sources.md#coadd), the value carrying no data. A non-finite
 * resolution element is set to 0 and its column's pixel masked the same way.
 */

/** desispec's specmask NODATA bit ("no data exists"). */
export const NODATA = 1 << 8;

/** The images of one band, flattened row-major: `n × nwave` (and `n × ndiag × nwave` for resolution). */
export interface BandArrays {
  readonly flux: Float32Array;
  readonly ivar: Float32Array;
  readonly mask: Int32Array;
  readonly resolution: Float32Array;
}

/** Whether any value of the band's images is NaN or ±Infinity. */
export function hasNonFinite(band: BandArrays): boolean {
  const bad = (a: Float32Array) => a.some((x) => !Number.isFinite(x));
  return bad(band.flux) || bad(band.ivar) || bad(band.resolution);
}

/**
 * Masks, in place, every pixel whose flux, ivar or a resolution element of its column is not
 * finite (see the module comment).
 */
export function maskNonFinite(band: BandArrays, nwave: number, ndiag: number): void {
  const n = nwave === 0 ? 0 : band.flux.length / nwave;
  const maskPixel = (p: number) => {
    band.flux[p] = 0;
    band.ivar[p] = 0;
    band.mask[p]! |= NODATA;
  };
  for (let s = 0; s < n; s++) {
    for (let d = 0; d < ndiag; d++) {
      const base = (s * ndiag + d) * nwave;
      for (let j = 0; j < nwave; j++) {
        if (Number.isFinite(band.resolution[base + j]!)) continue;
        band.resolution[base + j] = 0;
        maskPixel(s * nwave + j);
      }
    }
    for (let p = s * nwave; p < (s + 1) * nwave; p++) {
      if (!Number.isFinite(band.flux[p]!) || !Number.isFinite(band.ivar[p]!)) maskPixel(p);
    }
  }
}
