/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
};

// The page's pure modules (packages/ui/src/lib/*.ts) have specs of their own.
const ROOTS = ['<rootDir>/packages/domain', '<rootDir>/packages/server', '<rootDir>/packages/ui'];
const TIERS = { int: /\.int\.spec\.ts$/.source, e2e: /\.e2e\.spec\.ts$/.source };

/** The test tiers by suffix: `*.spec.ts` pure and fast, `*.int.spec.ts` real servers and files, `*.e2e.spec.ts` a real browser. */
function tier(name: string, testRegex: string, testPathIgnorePatterns: string[] = []): Config {
  return {
    displayName: name,
    testEnvironment: 'node',
    roots: ROOTS,
    testRegex,
    testPathIgnorePatterns: ['/node_modules/', ...testPathIgnorePatterns],
    transform,
  };
}

const config: Config = {
  projects: [tier('unit', /\.spec\.ts$/.source, Object.values(TIERS)), tier('int', TIERS.int), tier('e2e', TIERS.e2e)],
  reporters: ['default', '<rootDir>/scripts/summary-reporter.cjs'],
  testTimeout: 30_000,
};

export default config;
