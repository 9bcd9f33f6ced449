// `npm start`: builds the client if needed, then serves app + API on PORT (default 3000).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureClientBuilt, root } from './client-build.mjs';

try {
  ensureClientBuilt();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/index.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
