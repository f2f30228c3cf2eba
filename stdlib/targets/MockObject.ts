/**
 * What the mock knows of one target before it becomes a row of Targets and Truth: targeting
 * bits, true AB magnitudes (NaN for sky: zero flux), imaging shape, and the truth of the
 * spectrum (class, redshift, normalisation and template parameters; 0 or "" where a parameter
 * does not apply to the template class).
 */
export interface MockObject {
  desi: bigint;
  bgs: bigint;
  mws: bigint;
  /** Total intrinsic AB magnitudes g, r, z, W1, W2 (before Galactic extinction); NaN for sky. */
  g: number;
  r: number;
  z: number;
  w1: number;
  w2: number;
  /** Fraction of the total flux in a 1.5″ fiber in 1″ seeing (0 for sky). */
  fiberFraction: number;
  shapeR: number;
  morphtype: string;
  truez: number;
  spectype: "GALAXY" | "QSO" | "STAR" | "SKY";
  templatetype: "ELG" | "LRG" | "BGS" | "QSO" | "STAR" | "WD" | "SKY";
  subtype: string;
  mag: number;
  magfilter: string;
  oiiflux: number;
  hbetaflux: number;
  vdisp: number;
  d4000: number;
  oiiihbeta: number;
  oiidoublet: number;
  teff: number;
  logg: number;
  feh: number;
}

/** A mock object with no bits, no flux and every template parameter 0 or "". */
export function blankObject(): MockObject {
  return {
    desi: 0n,
    bgs: 0n,
    mws: 0n,
    g: NaN,
    r: NaN,
    z: NaN,
    w1: NaN,
    w2: NaN,
    fiberFraction: 0,
    shapeR: 0,
    morphtype: "",
    truez: 0,
    spectype: "SKY",
    templatetype: "SKY",
    subtype: "",
    mag: 0,
    magfilter: "",
    oiiflux: 0,
    hbetaflux: 0,
    vdisp: 0,
    d4000: 0,
    oiiihbeta: 0,
    oiidoublet: 0,
    teff: 0,
    logg: 0,
    feh: 0,
  };
}
