import type { CliIo } from "./io.js";

/** A progress display for `dflow run`: a bar on stderr on a terminal, nothing otherwise (plain lines are the caller's). */
export interface ProgressBar {
  /** Called after every task with its stage's counts. */
  readonly update: (stage: string, done: number, total: number) => void;
  /** Prints a plain line, clearing the bar first when one is shown. */
  readonly line: (text: string) => void;
  /** Clears the bar, if one was drawn. */
  readonly clear: () => void;
}

/** A bar redrawn at most every 100 ms, with an ETA from the current stage's rate; off when not a TTY or CI is set. */
export function progressBar(io: CliIo, now: () => number = Date.now): ProgressBar {
  const tty = io.isTTY && io.env["CI"] === undefined;
  let shown = false;
  let lastDraw = 0;
  let stageStart = { stage: "", at: 0 };
  const width = 24;
  return {
    update(stage, done, total) {
      const t = now();
      if (stageStart.stage !== stage) stageStart = { stage, at: t };
      if (!tty || (done < total && t - lastDraw < 100)) return;
      lastDraw = t;
      const eta = done > 0 && done < total ? ` ETA ${Math.ceil((((t - stageStart.at) / done) * (total - done)) / 1000)} s` : "";
      const fill = total === 0 ? width : Math.round((done / total) * width);
      io.stderr(`\r\x1b[2K${stage.padEnd(12)} [${"#".repeat(fill)}${"-".repeat(width - fill)}] ${done}/${total}${eta}`);
      shown = true;
    },
    line(text) {
      io.stderr((shown ? "\r\x1b[2K" : "") + text + "\n");
    },
    clear() {
      if (shown) io.stderr("\r\x1b[2K");
    },
  };
}
