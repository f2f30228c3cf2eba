import { DFLOW_VERSION } from "../version.js";

/** Set by scripts/build.mjs to the bundle's build identity (scripts/buildId.mjs); absent when dflow runs from its sources. */
declare const __DFLOW_BUILD__: string | undefined;

/** Version of what the kernel reader produces; bump it whenever its output changes for the same sources. */
export const READER_VERSION = 5;

/**
 * The build of dflow reading kernels: a hash of its sources in a bundle, `source` when run from
 * the sources. A kernel index cached by one build is never trusted by another, so a changed
 * checker or data-model reader cannot serve an index (or diagnostics) an older one wrote.
 */
export const DFLOW_BUILD: string = typeof __DFLOW_BUILD__ === "string" ? __DFLOW_BUILD__ : "source";

/** The `version` of every kernel index this dflow writes and trusts: dflow's version, the reader's and the build's. */
export const KERNEL_INDEX_VERSION = `${DFLOW_VERSION}+kernels.${READER_VERSION}+${DFLOW_BUILD.slice(0, 16)}`;
