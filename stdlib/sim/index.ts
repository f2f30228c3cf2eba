/**
 * Exposure simulation (desisim newexp + quickgen, docs/sources.md#specsim): `newexp` turns a tile's
 * fibermap and the targets' truth into each fiber's flux above the atmosphere (SimSpec), and
 * `fastframe` turns that into one camera's extracted frame with sky, atmosphere, fiber losses,
 * per-fiber resolution, noise, cosmics and bad fibers. The instrument they share is
 * `stdlib/instrument`. The only public door of `stdlib/sim`.
 */
export { fastframe } from "./fastframe.js";
export { newexp } from "./newexp.js";
