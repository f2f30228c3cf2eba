/**
 * A duration for a message: whole hours or minutes when it is one, else seconds to three
 * significant digits (`0.00036 s`, never `0.00035999999999999997 s`).
 */
export const secondsText = (s: number): string =>
  s >= 3600 && s % 3600 === 0 ? `${s / 3600} h` : s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${Number(s.toPrecision(3))} s`;
