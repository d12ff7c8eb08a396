import { defineConfig } from 'vitest/config';

// Long runs kept out of `npm test`: crash loops over large fan-outs.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
