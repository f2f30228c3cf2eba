/**
 * The fiber tips placed so far, hashed on square cells one keep-out distance wide, to tell in
 * constant time whether a new tip would come closer than the keep-out to any of them.
 */
export class TipGrid {
  private readonly half: number;
  private readonly side: number;
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private count = 0;
  private readonly cellSize: number;

  /** A grid over the square |x|, |y| ≤ `half` (mm) for up to `capacity` tips. */
  constructor(
    half: number,
    private readonly keepout: number,
    capacity: number,
  ) {
    this.half = half;
    // A zero keep-out never collides; one cell then holds everything.
    this.cellSize = keepout > 0 ? keepout : 2 * half + 1;
    this.side = Math.ceil((2 * half) / this.cellSize) + 2;
    this.head = new Int32Array(this.side * this.side).fill(-1);
    this.next = new Int32Array(capacity).fill(-1);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
  }

  /** The cell index along one axis, with a margin cell on each side (clamped: tips stay inside `half`). */
  private cell(v: number): number {
    return Math.min(this.side - 2, Math.max(1, Math.floor((v + this.half) / this.cellSize) + 1));
  }

  /** True when a tip at (`x`, `y`) would be closer than the keep-out to a placed one. */
  collides(x: number, y: number): boolean {
    if (this.keepout <= 0) return false;
    const cx = this.cell(x);
    const cy = this.cell(y);
    const k2 = this.keepout * this.keepout;
    for (let gy = cy - 1; gy <= cy + 1; gy++) {
      for (let gx = cx - 1; gx <= cx + 1; gx++) {
        for (let q = this.head[gy * this.side + gx] ?? -1; q >= 0; q = this.next[q] ?? -1) {
          const dx = x - (this.x[q] ?? 0);
          const dy = y - (this.y[q] ?? 0);
          if (dx * dx + dy * dy < k2) return true;
        }
      }
    }
    return false;
  }

  /** Places a tip at (`x`, `y`). */
  add(x: number, y: number): void {
    const id = this.count++;
    const c = this.cell(y) * this.side + this.cell(x);
    this.x[id] = x;
    this.y[id] = y;
    this.next[id] = this.head[c] ?? -1;
    this.head[c] = id;
  }
}
