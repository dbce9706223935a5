import { appForSuite } from '../../test/harness';
import { jsonOf, rawRequest, request } from '../../test/request';
import type { Veille } from '../compose/startVeille';

const portOf = (app: Veille): string => new URL(app.url).port;

describe('The Host header check (DNS rebinding)', () => {
  const suite = appForSuite({ ALLOWED_HOSTS: 'veille.maison.lan, autre.lan' });

  const withHost = (host: string, path = '/api/state', method = 'GET', headers: Record<string, string> = {}) =>
    request(`${suite.app.url}${path}`, { method, headers: { host, ...headers } });

  describe("When the Host is not Veille's", () => {
    it.each(['/api/state', '/api/health', '/api/events', '/', '/index.html', '/demo/offres/inconnue-1'])(
      'should refuse GET %s with a 403 in JSON, in French',
      async (path) => {
        const answer = await withHost(`evil.example:${portOf(suite.app)}`, path);

        expect(answer.status).toBe(403);
        expect(answer.headers['content-type']).toContain('application/json');
        expect(jsonOf(answer)).toEqual({ error: expect.stringContaining('Hôte') });
      },
    );

    it('should refuse a POST from a rebinding page whose Origin matches its Host, and start nothing', async () => {
      const host = `evil.example:${portOf(suite.app)}`;

      const answer = await withHost(host, '/api/runs', 'POST', { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });

      expect(answer.status).toBe(403);
      expect(suite.app.deps.bus.current().run.active).toBe(false);
    });

    it.each([
      ['a loopback name on the wrong port', () => `localhost:${Number(portOf(suite.app)) + 1}`],
      ['a loopback name with no port', () => '127.0.0.1'],
      ["an allowed name's look-alike", () => `veille.maison.lan.evil.example:${portOf(suite.app)}`],
      ['a user-info trick', () => `evil.example@127.0.0.1:${portOf(suite.app)}`],
    ])('should refuse %s', async (_case, host) => {
      const answer = await withHost(host());

      expect(answer.status).toBe(403);
    });

    it('should refuse a request with no Host at all, or an empty one', async () => {
      const none = await rawRequest(suite.app.url, 'GET /api/state HTTP/1.0\r\n\r\n');
      const empty = await rawRequest(suite.app.url, 'GET /api/state HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n');

      expect(none).toMatch(/^HTTP\/1\.[01] 403/);
      expect(none).toContain('"error"');
      expect(empty).toMatch(/^HTTP\/1\.1 403/);
    });
  });

  describe("When the Host is Veille's", () => {
    it.each([
      ['the bound address', () => `127.0.0.1:${portOf(suite.app)}`],
      ['localhost', () => `localhost:${portOf(suite.app)}`],
      ['localhost in capitals', () => `LocalHost:${portOf(suite.app)}`],
      ['the IPv6 loopback', () => `[::1]:${portOf(suite.app)}`],
      ['a name from ALLOWED_HOSTS', () => `veille.maison.lan:${portOf(suite.app)}`],
      ['a name from ALLOWED_HOSTS behind a proxy (no port)', () => 'autre.lan'],
    ])('should let %s through', async (_case, host) => {
      const answer = await withHost(host());

      expect(answer.status).toBe(200);
      expect(jsonOf(answer)).toHaveProperty('table');
    });

    it("should let a POST from Veille's own page through", async () => {
      const host = `localhost:${portOf(suite.app)}`;

      const answer = await withHost(host, '/api/runs/stop', 'POST', { origin: `http://${host}` });

      expect(answer.status).toBe(409);
    });
  });
});
