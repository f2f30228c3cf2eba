import { NFIBER, NPETAL, PATROL_RADIUS_MM, PETAL_ANGLE_DEG, PETAL_GAP_HALF_WIDTH_MM, POSITIONERS_PER_PETAL, POSITIONER_PITCH_MM } from "./constants.js";

/**
 * The modelled DESI focal plane: 5000 fiber positioners, indexed by FIBER (row `i` is fiber
 * `i`). Lengths are CS5 millimetres.
 */
export interface FocalPlane {
  /** Number of positioners (5000). */
  readonly n: number;
  /** X of each positioner's centre. */
  readonly x: Float64Array;
  /** Y of each positioner's centre. */
  readonly y: Float64Array;
  /** Petal of each positioner, 0 to 9 (PETAL_LOC). */
  readonly petal: Int16Array;
  /** Device location on its petal, 0 to 499 (DEVICE_LOC). */
  readonly device: Int32Array;
  /** PETAL_LOC × 1000 + DEVICE_LOC. */
  readonly location: Int32Array;
  /** Fiber number, PETAL_LOC × 500 + DEVICE_LOC (equal to the row). */
  readonly fiber: Int32Array;
  /** Patrol radius of every positioner (6 mm). */
  readonly patrolRadius: number;
  /** Distance of the outermost positioner centre from the field centre. */
  readonly maxCentreRadius: number;
}

/** Snap for sorting radii, so that mirror-image points at equal radius tie exactly. */
const RADIUS_QUANTUM_MM = 1e-6;

/** The 500 device positions of petal 0 (the wedge 0° ≤ φ < 36°), by increasing radius then angle. */
function petalZero(): { x: number[]; y: number[] } {
  const p = POSITIONER_PITCH_MM;
  const g = PETAL_GAP_HALF_WIDTH_MM;
  const half = (PETAL_ANGLE_DEG / 2) * (Math.PI / 180);
  const edge = PETAL_ANGLE_DEG * (Math.PI / 180);
  // A hexagonal lattice with one axis on the petal's bisector and a node at the field centre,
  // so the petal is mirror-symmetric about its bisector.
  const a1x = p * Math.cos(half);
  const a1y = p * Math.sin(half);
  const a2x = p * Math.cos(half + Math.PI / 3);
  const a2y = p * Math.sin(half + Math.PI / 3);
  const reach = Math.ceil(520 / p);
  const pts: { x: number; y: number; r: number; phi: number }[] = [];
  for (let i = -reach; i <= reach; i++) {
    for (let j = -reach; j <= reach; j++) {
      const x = i * a1x + j * a2x;
      const y = i * a1y + j * a2y;
      // Keep nodes at least half a pitch inside both petal edges (the petal gaps).
      if (y < g || x * Math.sin(edge) - y * Math.cos(edge) < g) continue;
      pts.push({ x, y, r: Math.round(Math.hypot(x, y) / RADIUS_QUANTUM_MM), phi: Math.atan2(y, x) });
    }
  }
  pts.sort((a, b) => a.r - b.r || a.phi - b.phi);
  const chosen = pts.slice(0, POSITIONERS_PER_PETAL);
  return { x: chosen.map((q) => q.x), y: chosen.map((q) => q.y) };
}

let cached: FocalPlane | undefined;

/** The focal plane shared by this folder's code, built on first use (never handed out: callers could write to it). */
export function sharedFocalPlane(): FocalPlane {
  cached ??= buildFocalPlane();
  return cached;
}

/**
 * The modelled focal plane, a fresh copy on every call. Each petal is a
 * 36° wedge holding a hexagonal grid of positioner centres at DESI's 10.4 mm pitch, one grid
 * axis along the wedge's bisector with a node at the field centre. Nodes closer than half a
 * pitch to a wedge edge are left out (the petal gaps: centres on neighbouring petals are then
 * at least a pitch apart), and of the remaining nodes the 500 nearest the centre (ties by
 * angle) are the petal's positioners, DEVICE_LOC 0 to 499 in that order. Petal p is petal 0
 * rotated by 36°·p counter-clockwise (+X toward +Y): it spans position angles [36p, 36p + 36).
 * The centres then reach from 20.8 mm to 401.7 mm (≈ 1.58°), the fibers to 407.7 mm
 * (≈ 1.60°), close to DESI's 413.5 mm maximum reach. FIBER = PETAL_LOC·500 + DEVICE_LOC.
 * DESI's petals also hold 12 fiducials, 2 spare positioners and a guide-focus camera each,
 * and their positioner order is not radial; none of that is modelled.
 */
export function focalPlane(): FocalPlane {
  const f = sharedFocalPlane();
  return { ...f, x: f.x.slice(), y: f.y.slice(), petal: f.petal.slice(), device: f.device.slice(), location: f.location.slice(), fiber: f.fiber.slice() };
}

function buildFocalPlane(): FocalPlane {
  const base = petalZero();
  const x = new Float64Array(NFIBER);
  const y = new Float64Array(NFIBER);
  const petal = new Int16Array(NFIBER);
  const device = new Int32Array(NFIBER);
  const location = new Int32Array(NFIBER);
  const fiber = new Int32Array(NFIBER);
  let maxR = 0;
  for (let p = 0; p < NPETAL; p++) {
    const a = p * PETAL_ANGLE_DEG * (Math.PI / 180);
    const c = Math.cos(a);
    const s = Math.sin(a);
    for (let d = 0; d < POSITIONERS_PER_PETAL; d++) {
      const i = p * POSITIONERS_PER_PETAL + d;
      const bx = base.x[d] ?? 0;
      const by = base.y[d] ?? 0;
      x[i] = bx * c - by * s;
      y[i] = bx * s + by * c;
      petal[i] = p;
      device[i] = d;
      location[i] = p * 1000 + d;
      fiber[i] = i;
      maxR = Math.max(maxR, Math.hypot(bx, by));
    }
  }
  return { n: NFIBER, x, y, petal, device, location, fiber, patrolRadius: PATROL_RADIUS_MM, maxCentreRadius: maxR };
}
