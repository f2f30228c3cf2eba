import { Option } from "commander";

/**
 * `--only SELECTOR`, repeatable (`--only a --only 'b[camera=r]'`): one selector per flag, so the
 * word after it is never taken for a second selector and a file argument is not swallowed.
 */
export function onlyOption(description: string): Option {
  return new Option("--only <selector>", `${description}; repeat the flag for more than one`).argParser((v: string, prev: string[] | undefined) => [
    ...(prev ?? []),
    v,
  ]);
}
