import type { StateView } from '@veille/domain';
import { appForSuite, runEnded } from '../../test/harness';
import { jsonOf, request } from '../../test/request';
import { openSse } from '../../test/sseClient';
import { SESSION_COOKIE } from './access';
import type { Listening } from './addresses';

const TOKEN = 'c0ffee5a1t-9b7d-4e21-a3f8-6d5c2b1e0f47';
const bearer = { authorization: `Bearer ${TOKEN}` };
const form = (token: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams({ token }).toString(),
});
const cookieFrom = (setCookie: string[] | undefined): string => (setCookie?.[0] ?? '').split(';')[0];

describe('Veille bound beyond loopback, with ACCESS_TOKEN', () => {
  let listening: Listening;
  const suite = appForSuite({ HOST: '0.0.0.0', ACCESS_TOKEN: TOKEN }, { onListening: (heard) => (listening = heard) });

  describe('Given no token at all', () => {
    it.each([
      ['GET', '/api/state'],
      ['GET', '/api/health'],
      ['POST', '/api/runs'],
      ['GET', '/assets/index.js'],
    ])('should refuse %s %s with a 401 in JSON, in French', async (method, path) => {
      const answer = await request(`${suite.app.url}${path}`, { method, headers: { accept: 'application/json' } });

      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toContain('Bearer');
      expect(jsonOf(answer)).toEqual({ error: expect.stringContaining('Accès refusé') });
      expect(suite.app.deps.bus.current().run.active).toBe(false);
    });

    it('should send a browser asking for the page to the login form', async () => {
      const answer = await request(`${suite.app.url}/`, { headers: { accept: 'text/html,application/xhtml+xml' } });

      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/login');
    });

    it('should refuse the event stream', async () => {
      const answer = await request(`${suite.app.url}/api/events`, { headers: { accept: 'text/event-stream' } });

      expect(answer.status).toBe(401);
    });
  });

  describe('Given a wrong token', () => {
    it('should say the token is wrong, for a bearer and on the form, without a cookie', async () => {
      const viaBearer = await request(`${suite.app.url}/api/state`, { headers: { authorization: `Bearer ${TOKEN}x` } });
      const viaForm = await request(`${suite.app.url}/login`, form(TOKEN.slice(0, -1)));
      const viaCookie = await request(`${suite.app.url}/api/state`, { headers: { cookie: `${SESSION_COOKIE}=${TOKEN}` } });

      expect(viaBearer.status).toBe(401);
      expect(jsonOf(viaBearer)).toEqual({ error: 'Jeton d’accès incorrect.' });
      expect(viaForm.status).toBe(401);
      expect(viaForm.text).toContain('Jeton d’accès incorrect.');
      expect(viaForm.text).toContain('role="alert"');
      expect(viaForm.headers['set-cookie']).toBeUndefined();
      expect(viaCookie.status).toBe(401);
    });
  });

  describe('Given the login form', () => {
    it('should be a French, labelled form that needs no script', async () => {
      const page = await request(`${suite.app.url}/login`);

      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.text).toContain('<html lang="fr">');
      expect(page.text).toMatch(/<label for="token">Jeton d’accès<\/label>/);
      expect(page.text).toMatch(/<input id="token" name="token" type="password"/);
      expect(page.text).not.toContain('<script');
    });

    it('should set an HttpOnly SameSite=Strict cookie that opens the page, the API and the stream', async () => {
      const login = await request(`${suite.app.url}/login`, form(TOKEN));
      const cookie = cookieFrom(login.headers['set-cookie']);

      const page = await request(`${suite.app.url}/`, { headers: { cookie, accept: 'text/html' } });
      const state = await request(`${suite.app.url}/api/state`, { headers: { cookie } });
      const stream = openSse(`${suite.app.url}/api/events`, { cookie });
      await stream.waitFor((messages) => messages.length >= 1);
      stream.close();

      expect(login.status).toBe(303);
      expect(login.headers.location).toBe('/');
      expect(login.headers['set-cookie']?.[0]).toMatch(/; HttpOnly/);
      expect(login.headers['set-cookie']?.[0]).toMatch(/; SameSite=Strict/);
      expect(login.headers['set-cookie']?.[0]).not.toMatch(/Secure/);
      expect(cookie).not.toContain(TOKEN);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<div id="app">');
      expect(state.status).toBe(200);
      expect(stream.messages[0].event).toBe('snapshot');
    });

    it('should mark the cookie Secure when the request came over https (a TLS proxy in front)', async () => {
      const login = await request(`${suite.app.url}/login`, form(TOKEN, { 'x-forwarded-proto': 'https' }));

      expect(login.headers['set-cookie']?.[0]).toMatch(/; Secure/);
    });

    it('should refuse a login posted from another site', async () => {
      const login = await request(`${suite.app.url}/login`, form(TOKEN, { origin: 'https://evil.example' }));

      expect(login.status).toBe(403);
      expect(login.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('Given the token as a bearer (curl)', () => {
    it('should answer the API and stream a whole run, demo pages included', async () => {
      const stream = openSse(`${suite.app.url}/api/events`, bearer);
      await stream.waitFor((messages) => messages.length >= 1);

      const run = await request(`${suite.app.url}/api/runs`, { method: 'POST', headers: bearer });
      const state = await runEnded(suite.app.deps.bus);
      await stream.waitFor((messages) => messages.some((message) => message.event === 'RunEnded'));
      stream.close();
      const view = jsonOf(await request(`${suite.app.url}/api/state`, { headers: bearer })) as StateView;

      expect(run.status).toBe(202);
      expect(state.run.outcome).toBe('done');
      expect([...state.offers.values()].filter((offer) => offer.status === 'À traiter').length).toBeGreaterThan(25);
      expect(view.table.totals.counts['À traiter']).toBeGreaterThan(25);
      expect(stream.messages.map((message) => message.event)).toEqual(expect.arrayContaining(['snapshot', 'RunStarted', 'RunEnded']));
    }, 60_000);
  });

  describe('When it says where it listens', () => {
    it('should say it listens on every interface, and keep a loopback URL for its own demo pages', () => {
      expect(listening.everywhere).toBe(true);
      expect(listening.bound).toBe(`0.0.0.0:${new URL(suite.app.url).port}`);
      expect(listening.urls.length).toBeGreaterThan(0);
      expect(suite.app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });
  });
});

describe('Veille on loopback with no ACCESS_TOKEN', () => {
  const suite = appForSuite();

  it('should open the page, the API and the stream with no login, as before', async () => {
    const page = await request(`${suite.app.url}/`, { headers: { accept: 'text/html' } });
    const state = await request(`${suite.app.url}/api/state`);
    const login = await request(`${suite.app.url}/login`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="app">');
    expect(state.status).toBe(200);
    expect(login.status).toBe(404);
  });
});
