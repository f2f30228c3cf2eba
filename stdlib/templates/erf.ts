/**
 * The error function, to a fractional accuracy of 1.2e-7 everywhere: the Chebyshev fit to
 * erfc of Press et al., Numerical Recipes (2nd ed., §6.2, `erfcc`), written out here so the
 * library needs no dependency. Accurate enough to integrate a Gaussian line over a pixel.
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc : erfc - 1;
}
