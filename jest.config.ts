/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
};

const project = (name: string, roots: string[]): Config => ({
  displayName: name,
  testEnvironment: 'node',
  roots,
  testMatch: ['**/*.spec.ts'],
  transform,
});

const config: Config = {
  projects: [project('domain', ['<rootDir>/packages/domain']), project('server', ['<rootDir>/packages/server'])],
  reporters: ['default', '<rootDir>/scripts/summary-reporter.cjs'],
  testTimeout: 30_000,
};

export default config;
