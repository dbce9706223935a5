import path from 'node:path';
import { loadConfig } from './config';

const TOKEN = '3f9c1a7e5b2d8c4f6a0e1b9d7c3a5f2e';

describe('Configuration', () => {
  it('should run on embedded defaults with no variable at all', () => {
    expect(loadConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir: path.resolve('./data'),
      enrichAllowPrivate: false,
      enrichHostDelayMs: 500,
    });
  });

  it('should read the variables it knows', () => {
    expect(
      loadConfig({
        HOST: '0.0.0.0',
        PORT: '8080',
        DATA_DIR: '/tmp/veille',
        ENRICH_ALLOW_PRIVATE: '1',
        ENRICH_HOST_DELAY_MS: '0',
        ACCESS_TOKEN: TOKEN,
        ALLOWED_HOSTS: ' Veille.Maison.LAN ,192.168.1.10,,[fd00::2]',
      }),
    ).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/tmp/veille',
      enrichAllowPrivate: true,
      enrichHostDelayMs: 0,
      accessToken: TOKEN,
      allowedHosts: ['veille.maison.lan', '192.168.1.10', '[fd00::2]'],
    });
  });

  it('should stop on a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'trois-mille' })).toThrow(/PORT/);
    expect(() => loadConfig({ ENRICH_ALLOW_PRIVATE: 'peut-être' })).toThrow(/ENRICH_ALLOW_PRIVATE/);
    expect(() => loadConfig({ ENRICH_HOST_DELAY_MS: '-1' })).toThrow(/ENRICH_HOST_DELAY_MS/);
  });

  describe('Given HOST beyond loopback', () => {
    it.each(['0.0.0.0', '::', '192.168.1.10', 'veille.maison.lan'])('should refuse to start on %s without ACCESS_TOKEN, naming the variable', (host) => {
      expect(() => loadConfig({ HOST: host })).toThrow(/ACCESS_TOKEN/);
    });

    it('should start with a strong ACCESS_TOKEN, and keep it out of every answer and log line', () => {
      const config = loadConfig({ HOST: '0.0.0.0', ACCESS_TOKEN: TOKEN });

      expect(config.accessToken).toBe(TOKEN);
      expect(config.secrets).toContain(TOKEN);
    });
  });

  describe('Given HOST on loopback', () => {
    it.each(['127.0.0.1', '127.0.1.1', 'localhost', '::1'])('should need no token on %s', (host) => {
      expect(loadConfig({ HOST: host }).accessToken).toBeUndefined();
    });

    it('should take an empty ACCESS_TOKEN= line as none', () => {
      expect(loadConfig({ ACCESS_TOKEN: '' }).accessToken).toBeUndefined();
    });
  });

  describe('Given a weak ACCESS_TOKEN', () => {
    it.each([
      ['too short', 'court-123'],
      ['too repetitive', 'abababababababababab'],
    ])('should refuse one %s, naming the variable and never echoing it', (_case, token) => {
      const attempt = () => loadConfig({ HOST: '0.0.0.0', ACCESS_TOKEN: token });

      expect(attempt).toThrow(/ACCESS_TOKEN/);
      expect(attempt).not.toThrow(token);
    });
  });

  describe('Given ALLOWED_HOSTS', () => {
    it('should default to no extra name', () => {
      expect(loadConfig({}).allowedHosts).toEqual([]);
    });

    it.each(['https://veille.lan', 'veille.lan:3000', 'veille.lan/page', 'evil@veille.lan'])('should refuse %s, naming the variable', (entry) => {
      expect(() => loadConfig({ ALLOWED_HOSTS: `ok.lan,${entry}` })).toThrow(/ALLOWED_HOSTS/);
    });
  });
});
