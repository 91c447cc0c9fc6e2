// Vite serves and builds the browser app; Vitest runs the unit and scenario tests, then the
// browser tests on their own (so no other suite competes with them for the CPU they measure).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  server: { port: 5173, strictPort: false },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', sourcemap: true },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
