/** Optimal-string-alignment edit distance (Damerau–Levenshtein with adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] ?? 0;
}

/**
 * At most `max` (default 4) candidates close to `name` by edit distance, closest first,
 * ties in natural order. A candidate qualifies when its distance is at most a third of the
 * longer name (at least 1), when the names differ only in case, or when one extends the other
 * (`RA` and `RA_DEG`: a renamed column often keeps its old name as a prefix).
 */
export function suggest(name: string, candidates: Iterable<string>, max = 4): string[] {
  const scored: { c: string; d: number }[] = [];
  const lower = name.toLowerCase();
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(name, c);
    const limit = Math.max(1, Math.floor(Math.max(name.length, c.length) / 3));
    const extends_ = Math.min(name.length, c.length) >= 2 && (c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
    if (d <= limit || extends_) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || naturalCompare(x.c, y.c));
  return scored.slice(0, max).map((s) => s.c);
}

/** Natural order: digit runs compare by value (`exp2 < exp10`), the rest by code unit. */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    const da = ca >= 48 && ca <= 57;
    const db = cb >= 48 && cb <= 57;
    if (da && db) {
      let ie = i;
      while (ie < a.length && a.charCodeAt(ie) >= 48 && a.charCodeAt(ie) <= 57) ie++;
      let je = j;
      while (je < b.length && b.charCodeAt(je) >= 48 && b.charCodeAt(je) <= 57) je++;
      const ra = a.slice(i, ie).replace(/^0+(?=\d)/, "");
      const rb = b.slice(j, je).replace(/^0+(?=\d)/, "");
      if (ra.length !== rb.length) return ra.length - rb.length;
      if (ra !== rb) return ra < rb ? -1 : 1;
      const la = ie - i;
      const lb = je - j;
      if (la !== lb) return la - lb;
      i = ie;
      j = je;
    } else {
      if (ca !== cb) return ca - cb;
      i++;
      j++;
    }
  }
  return a.length - i - (b.length - j);
}
