import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = __dirname;
const TEST = path.resolve(SRC, '../test');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [full] : [];
  });

/** Each source file (specs aside) with what its relative imports reach, as paths from src/. */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*'(\.{1,2}\/[^']*)'/g)].map(([, specifier]) =>
    path.relative(SRC, path.resolve(path.dirname(file), specifier)),
  );

const layerOf = (fromSrc: string): string => fromSrc.split(path.sep)[0].replace(/\.ts$/, '');

const SOURCES = sourcesUnder(SRC).map((file) => ({ file: path.relative(SRC, file), imports: importsOf(file) }));

/** The imports of one layer's files that reach any of the given layers. */
const crossings = (layer: string, forbidden: string[]): string[] =>
  SOURCES.filter(({ file }) => layerOf(file) === layer).flatMap(({ file, imports }) =>
    imports.filter((target) => forbidden.includes(layerOf(target))).map((target) => `${file} → ${target}`),
  );

// Dependencies point one way: adapters → domain (+ the shared errors and disk modules); phases →
// domain + ports; core → ports, never the HTTP face; settings/ (the settings' rules) → adapters'
// configs; compose/ (the composition) → everything.
describe('The server layers', () => {
  it('should keep adapters off the core, the phases, the HTTP face and the composition', () => {
    expect(crossings('adapters', ['core', 'phases', 'http', 'compose', 'cli', 'ports', 'config', 'main'])).toEqual([]);
  });

  it('should let phases reach the core only through ports', () => {
    expect(crossings('phases', ['core', 'adapters', 'http', 'compose', 'cli', 'config', 'main'])).toEqual([]);
  });

  it('should keep the core off the HTTP face, the phases and the adapters it is given', () => {
    expect(crossings('core', ['http', 'phases', 'adapters', 'compose', 'cli', 'main'])).toEqual([]);
  });

  it('should keep the HTTP face off the phases, the adapters and the composition', () => {
    expect(crossings('http', ['phases', 'adapters', 'compose', 'cli', 'main'])).toEqual([]);
  });

  it('should keep the settings rules off the core, the phases, the HTTP face and the composition', () => {
    expect(crossings('settings', ['core', 'phases', 'http', 'compose', 'cli', 'ports', 'main'])).toEqual([]);
  });

  it('should never import test infrastructure from src/', () => {
    const intoTest = SOURCES.flatMap(({ file, imports }) =>
      imports.filter((target) => path.resolve(SRC, target).startsWith(TEST)).map((target) => `${file} → ${target}`),
    );

    expect(intoTest).toEqual([]);
  });
});
