import { thetaToRadius } from "./plateScale.js";

const D2R = Math.PI / 180;

/** A point on the focal plane, CS5 millimetres. */
export interface FocalXY {
  readonly x: number;
  readonly y: number;
}

/**
 * The focal-plane position of sky positions for one pointing: `project(ra, dec)` writes X, Y
 * (mm) and the angular distance from the centre (deg) of (ra, dec) into `out`. The tile centre
 * maps to (0, 0); +Y points to increasing declination and +X to decreasing right ascension
 * (CS5: +X = −RA = +HA, desimeter's convention); the radius follows the Echo22 plate scale
 * (`plateScale.ts`) of the true angular distance.
 */
export function focalProjector(tileRa: number, tileDec: number): (ra: number, dec: number, out: Float64Array) => void {
  const a0 = tileRa * D2R;
  const sd0 = Math.sin(tileDec * D2R);
  const cd0 = Math.cos(tileDec * D2R);
  return (ra, dec, out) => {
    const da = ra * D2R - a0;
    const sd = Math.sin(dec * D2R);
    const cd = Math.cos(dec * D2R);
    const cda = Math.cos(da);
    // Components of the direction along east, north and the boreline at the tile centre.
    const east = cd * Math.sin(da);
    const north = sd * cd0 - cd * sd0 * cda;
    const along = sd * sd0 + cd * cd0 * cda;
    const s = Math.hypot(east, north);
    const theta = Math.atan2(s, along) / D2R;
    out[2] = theta;
    if (s === 0) {
      out[0] = 0;
      out[1] = 0;
      return;
    }
    const r = thetaToRadius(theta);
    out[0] = (-r * east) / s;
    out[1] = (r * north) / s;
  };
}

/**
 * Where the sky position (`ra`, `dec`) (deg, ICRS) lands on the focal plane of a tile centred
 * on (`tileRa`, `tileDec`): CS5 X, Y in mm (see {@link focalProjector} for the axes and the
 * plate scale). The inverse is `focalToRadec`.
 */
export function radecToFocal(ra: number, dec: number, tileRa: number, tileDec: number): FocalXY {
  const out = new Float64Array(3);
  focalProjector(tileRa, tileDec)(ra, dec, out);
  return { x: out[0] ?? 0, y: out[1] ?? 0 };
}
