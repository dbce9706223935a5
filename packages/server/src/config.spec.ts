import path from 'node:path';
import { loadConfig } from './config';

describe('Configuration', () => {
  it('should run on embedded defaults with no variable at all', () => {
    expect(loadConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir: path.resolve('./data'),
      enrichAllowPrivate: false,
    });
  });

  it('should read the variables it knows', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080', DATA_DIR: '/tmp/veille', ENRICH_ALLOW_PRIVATE: '1' })).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/tmp/veille',
      enrichAllowPrivate: true,
    });
  });

  it('should stop on a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'trois-mille' })).toThrow(/PORT/);
    expect(() => loadConfig({ ENRICH_ALLOW_PRIVATE: 'peut-être' })).toThrow(/ENRICH_ALLOW_PRIVATE/);
  });
});
