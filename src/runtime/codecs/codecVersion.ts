/**
 * The version of the bytes the codecs write. A task's fingerprint includes it (docs/conventions.md#task-identity-and-fingerprints),
 * so products are rewritten when a change here would write other bytes for the same value.
 */
export const CODEC_VERSION = "1";
