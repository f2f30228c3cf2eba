/** Everything a command touches outside itself, so transcript tests can run commands in process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  /** Writes a large output in pieces, waiting while the reader is slower than the writer. */
  readonly stdoutAsync?: (text: string) => Promise<void>;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours, progress bars). */
  readonly isTTY: boolean;
}

/** The real process's io. */
export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stdoutAsync: async (t) => {
      if (!process.stdout.write(t)) await new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()));
    },
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  };
}
