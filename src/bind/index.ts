/** The bind phase: a checked pipeline bound once into a {@link BoundPipeline} (src/bound) that planning, running and emitting read. */
export { bindProgram } from "./bindProgram.js";
export type { BoundPipeline } from "../bound/index.js";
