import { DFLOW_VERSION } from "../version.js";

/** Version of what the kernel reader produces; bump it whenever its output changes for the same sources. */
export const READER_VERSION = 2;

/** The `version` of every kernel index this dflow writes and trusts: dflow's version and the reader's. */
export const KERNEL_INDEX_VERSION = `${DFLOW_VERSION}+kernels.${READER_VERSION}`;
