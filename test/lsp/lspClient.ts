/**
 * A minimal Language Server Protocol client over a child process's stdio (Content-Length
 * framing, JSON-RPC 2.0): enough to drive `dflow lsp` from tests and the latency benchmark.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

export interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { message: string; code: number };
}

export class LspClient {
  readonly #child: ChildProcessWithoutNullStreams;
  #buffer = Buffer.alloc(0);
  #nextId = 1;
  readonly #pending = new Map<number, (m: Message) => void>();
  readonly #listeners: ((m: Message) => void)[] = [];
  /** Every request of the server (registrations…), in order; each is answered with `null`. */
  readonly requests: Message[] = [];
  /** Every notification received, in order. */
  readonly notifications: Message[] = [];
  stderr = "";

  constructor(command: string, args: readonly string[], cwd: string) {
    this.#child = spawn(command, [...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.#child.stdout.on("data", (d: Buffer) => this.#read(d));
    this.#child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
  }

  #read(d: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, d]);
    for (;;) {
      const head = this.#buffer.indexOf("\r\n\r\n");
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.#buffer.subarray(0, head).toString())?.[1]);
      if (this.#buffer.length < head + 4 + len) return;
      const m = JSON.parse(this.#buffer.subarray(head + 4, head + 4 + len).toString()) as Message;
      this.#buffer = this.#buffer.subarray(head + 4 + len);
      if (m.id !== undefined && m.method === undefined) {
        this.#pending.get(m.id)?.(m);
        this.#pending.delete(m.id);
      } else if (m.method !== undefined && m.id !== undefined) {
        // A request of the server (configuration, registration): answered empty.
        this.requests.push(m);
        this.#send({ jsonrpc: "2.0", id: m.id, result: null });
      } else {
        this.notifications.push(m);
        for (const l of [...this.#listeners]) l(m);
      }
    }
  }

  #send(m: object): void {
    const body = JSON.stringify(m);
    this.#child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  /** Sends a request and resolves with its result (rejects on an error reply with an Error carrying the reply's `code`). */
  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (m) =>
        m.error !== undefined ? reject(Object.assign(new Error(m.error.message), { code: m.error.code })) : resolve(m.result as T),
      );
      this.#send({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.#send({ jsonrpc: "2.0", method, params });
  }

  /** The next notification satisfying `pred` (counting none already received). */
  next(pred: (m: Message) => boolean, timeoutMs = 60_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notification within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      const l = (m: Message): void => {
        if (!pred(m)) return;
        clearTimeout(timer);
        this.#listeners.splice(this.#listeners.indexOf(l), 1);
        resolve(m);
      };
      this.#listeners.push(l);
    });
  }

  /** Closes the server's stdin without `shutdown` or `exit`; resolves with its exit code. */
  endInput(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.#child.on("exit", (code) => resolve(code)));
    this.#child.stdin.end();
    return exited;
  }

  async close(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.#child.on("exit", (code) => resolve(code)));
    await this.request("shutdown", null);
    this.notify("exit", null);
    return exited;
  }
}

/** Diagnostics published for `uri` at `version`. */
export const diagnosticsFor =
  (uri: string, version?: number) =>
  (m: Message): boolean => {
    const p = m.params as { uri?: string; version?: number } | undefined;
    return m.method === "textDocument/publishDiagnostics" && p?.uri === uri && (version === undefined || p.version === version);
  };
