import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${root}client`,
  plugins: [react()],
  // The manifest tells the benchmark which chunks the board loads up front (see bench/run.ts).
  // Terser, two passes: 3% smaller than esbuild's minifier once gzipped, for ten more
  // seconds of build.
  build: {
    outDir: `${root}dist/client`,
    emptyOutDir: true,
    sourcemap: false,
    manifest: true,
    minify: 'terser',
    terserOptions: { module: true, compress: { passes: 2 }, format: { comments: false } },
  },
  server: { port: 5173, proxy: { '/trpc': 'http://localhost:3000' } },
  test: {
    projects: [
      {
        test: {
          name: 'server',
          root,
          include: ['tests/server/**/*.test.ts', 'tests/shared/**/*.test.ts', 'tests/architecture/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          root,
          include: ['tests/client/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/helpers/setup-client.ts'],
        },
      },
    ],
  },
});
