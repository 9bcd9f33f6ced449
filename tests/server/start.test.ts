/**
 * `npm start` is one process: stopping it, by Ctrl-C (SIGINT) or by killing it outright
 * (SIGKILL, which no process can forward), stops the server listening.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const up = (url: string) => fetch(`${url}/healthz`).then((r) => r.ok, () => false);

async function started(signal: NodeJS.Signals) {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-start-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // RELAIS_SKIP_BUILD: the client need not be built for this; the server serves the API without it.
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), RELAIS_DB: path.join(dir, 'relais.sqlite'), RELAIS_SEED: 'none', RELAIS_SKIP_BUILD: '1' },
    stdio: 'ignore',
  });
  try {
    const since = Date.now();
    while (!(await up(url))) {
      if (child.exitCode !== null || Date.now() - since > 60_000) throw new Error('npm start did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill(signal);
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    // Nothing may still answer on the port.
    await new Promise((r) => setTimeout(r, 300));
    return await up(url);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm start', () => {
  it('stops serving on Ctrl-C (SIGINT)', async () => {
    expect(await started('SIGINT')).toBe(false);
  }, 90_000);

  it('stops serving when its process is killed outright (SIGKILL)', async () => {
    expect(await started('SIGKILL')).toBe(false);
  }, 90_000);
});
