// A real server process for the tests that need one (SIGKILL, two processes on one database):
// `node --import tsx server/index.ts` (or, with `compiled`, what `npm start` runs: node with its
// flags, dist/server/index.js) with its own environment, on port 0. Its address comes from
// its "serving on" log line, the demo tokens from the lines it prints when it seeds (login, password, token).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { START_FLAGS } from '../start-flags.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type ServerProcess = {
  proc: ChildProcess;
  url: string;
  /** The demo tokens by login, if this process seeded the demo tree (else empty). */
  tokens: Record<string, string>;
  /** Everything it wrote, stdout and stderr, for a failing test's message. */
  output: string[];
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Starts a server process and resolves once it serves (or rejects with its output if it exits first). */
export function spawnServer(env: Record<string, string | undefined>, timeoutMs = 30_000, { compiled = false } = {}): Promise<ServerProcess> {
  const { NODE_ENV: _unset, ...inherited } = process.env; // NODE_ENV unset: development, the demo seeds on first start
  const proc = spawn(process.execPath, compiled ? [...START_FLAGS, 'dist/server/index.js'] : ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT, env: { ...inherited, PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const tokens: Record<string, string> = {};
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output.slice(-30).join('\n')}`));
    }, timeoutMs);
    let buffered = '';
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        const token = /^ {2}(\S+) +\S+ +(uw_\S+)$/.exec(line); // login, password, token
        if (token) tokens[token[1]] = token[2];
        if (!line.startsWith('{')) continue;
        let entry: { url?: string; role?: string };
        try { entry = JSON.parse(line); } catch { continue; }
        if (entry.url && entry.role) {
          clearTimeout(timer);
          resolve({ proc, url: entry.url, tokens, output, exited, kill });
        }
      }
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before serving:\n${output.slice(-30).join('\n')}`));
    });
  });
}

export type Answer = { status: number; body: any };

/** One request; a connection refused or reset (the process is down) is status 0. */
export async function request(base: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<Answer> {
  try {
    const res = await fetch(base + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: undefined };
  }
}
