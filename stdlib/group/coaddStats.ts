/**
 * The χ² quantiles the coadd's cosmic rejection thresholds on (desispec coaddition `_chi2_threshold`;
 * docs/sources.md#coadd): the regularized incomplete gamma function, inverted by bisection.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; about 1e-15 relative). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let s = c[0]!;
  for (let i = 1; i < c.length; i++) s += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** The upper regularized incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), for a > 0, x ≥ 0. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    // Series for P(a, x) = e^-x x^a / Γ(a+1) Σ x^n / ((a+1)…(a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - front * sum;
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return front * h;
}

/** The probability that a standard normal variable exceeds `nsig` (nsig ≥ 0): ½ Q(½, nsig²/2). */
export function normalTail(nsig: number): number {
  return 0.5 * gammaQ(0.5, (nsig * nsig) / 2);
}

/** The χ² value with `dof` degrees of freedom whose upper tail probability is `p` (scipy's chi2.isf). */
export function chi2Isf(p: number, dof: number): number {
  const key = `${p},${dof}`;
  const known = isfCache.get(key);
  if (known !== undefined) return known;
  const x = solveIsf(p, dof);
  isfCache.set(key, x);
  return x;
}

const isfCache = new Map<string, number>();

function solveIsf(p: number, dof: number): number {
  const tail = (x: number): number => gammaQ(dof / 2, x / 2);
  let lo = 0;
  let hi = Math.max(1, dof);
  while (tail(hi) > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (tail(mid) > p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The χ² a set of `nspec` values may reach before one is an outlier at `nsig` σ of tail probability. */
export function chi2Threshold(nspec: number, nsig: number): number {
  return chi2Isf(normalTail(nsig), nspec - 1);
}

/** The `q`-th percentile (0–100) of `values`, linearly interpolated between order statistics (numpy's default). */
export function percentile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (q / 100) * (n - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? sorted[i]! + f * (sorted[i + 1]! - sorted[i]!) : sorted[n - 1]!;
}
