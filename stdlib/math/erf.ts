/**
 * The error function, to 1.2e-7 absolute (Numerical Recipes' `erfc` Chebyshev fit, W. J. Cody's
 * form), enough for pixel-integrated line profiles.
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r : r - 1;
}

/** The fraction of a normal distribution of mean `mu` and width `sigma` that falls in [lo, hi). */
export function gaussianFraction(lo: number, hi: number, mu: number, sigma: number): number {
  const s = sigma * Math.SQRT2;
  return 0.5 * (erf((hi - mu) / s) - erf((lo - mu) / s));
}
