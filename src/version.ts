/** dflow's version (a test keeps it equal to package.json's). Emitted files and fingerprints carry it. */
export const DFLOW_VERSION = "0.1.0";
