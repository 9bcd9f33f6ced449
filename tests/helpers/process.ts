/** The real server as a child process (as `npm start` runs it), on a database of the test's own. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Relais {
  url: string;
  stop(): Promise<void>;
  /** The process's id. */
  pid: number;
  /** The SQLite file it runs on (unused with DATABASE_URL). */
  sqliteFile: string;
  /** Ends the process with `signal` (SIGKILL: no cleanup of any kind) and waits for it to exit; the database is kept. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
}

export interface RelaisOptions {
  /**
   * The directory of its SQLite file: given, the file is kept across stops (start another
   * Relais on it, as after a crash) and the directory is the caller's to remove.
   */
  dataDir?: string;
}

/** Starts Relais on a free port: a fresh SQLite file by default (or in `options.dataDir`), or `env.DATABASE_URL`. */
export async function startRelais(env: Record<string, string> = {}, options: RelaisOptions = {}): Promise<Relais> {
  const dir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'relais-e2e-'));
  const ownsDir = options.dataDir === undefined;
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/index.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', RELAIS_DB: path.join(dir, 'relais.sqlite'), DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Relais exited early:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() - started > 60_000) throw new Error(`Relais did not start in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = () => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  return {
    url,
    pid: child.pid!,
    sqliteFile: env.RELAIS_DB || path.join(dir, 'relais.sqlite'),
    output: () => output,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      child.kill(signal);
      await exited();
    },
    async stop() {
      child.kill('SIGTERM');
      await exited();
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

