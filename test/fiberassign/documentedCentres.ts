/**
 * The documented layout, rebuilt here from its description: per 36° petal a hexagonal grid of
 * pitch 10.4 mm with one axis on the bisector and a node at the centre, nodes at least 5.2 mm
 * from both petal edges, the 500 nearest the centre (ties by angle), petal p rotated by 36°·p.
 */
export function documentedCentres(): { x: number[]; y: number[] } {
  const pitch = 10.4;
  const d2r = Math.PI / 180;
  const nodes: { x: number; y: number; r: number; a: number }[] = [];
  for (let j = -60; j <= 60; j++) {
    for (let i = -60; i <= 60; i++) {
      // Lattice coordinates with the first axis at 0°, then turned onto the bisector (18°).
      const u = pitch * (i + j / 2);
      const v = (pitch * Math.sqrt(3) * j) / 2;
      const x = u * Math.cos(18 * d2r) - v * Math.sin(18 * d2r);
      const y = u * Math.sin(18 * d2r) + v * Math.cos(18 * d2r);
      const toLower = y;
      const toUpper = x * Math.sin(36 * d2r) - y * Math.cos(36 * d2r);
      if (toLower >= 5.2 && toUpper >= 5.2) nodes.push({ x, y, r: Math.round(Math.hypot(x, y) * 1e6), a: Math.atan2(y, x) });
    }
  }
  nodes.sort((p, q) => p.r - q.r || p.a - q.a);
  const petal0 = nodes.slice(0, 500);
  const x: number[] = [];
  const y: number[] = [];
  for (let p = 0; p < 10; p++) {
    const c = Math.cos(36 * p * d2r);
    const s = Math.sin(36 * p * d2r);
    for (const n of petal0) {
      x.push(n.x * c - n.y * s);
      y.push(n.x * s + n.y * c);
    }
  }
  return { x, y };
}
