import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['examples/**/*.test.ts', 'model/**/*.test.ts', 'runtime/**/*.test.ts', 'properties/**/*.test.ts', 'bench/**/*.test.ts', 'reports/**/*.test.ts', 'cli/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
