import { appForSuite, freshDataDir, startTestApp } from '../../test/harness';
import { jsonOf, request, type Answer } from '../../test/request';

/** What no answer may carry: an HTML page, a stack line, an absolute path of this machine. */
const expectCleanJsonError = (answer: Answer, status: number): void => {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toContain('application/json');
  const body = jsonOf(answer) as { error?: unknown };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error).toBe('string');
  expect(answer.text).not.toMatch(/<html|<pre|\bat \S+ \(|node_modules/i);
  expect(answer.text).not.toContain(process.cwd());
  expect(answer.text).not.toMatch(/\/(?:work|home|tmp|usr|root)\//);
};

describe('Errors of the HTTP API', () => {
  const suite = appForSuite();

  const send = (method: string, path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    request(`${suite.app.url}${path}`, { method, headers, body });

  it('should answer malformed JSON with a 400 in French', async () => {
    const answer = await send('PUT', '/api/criteria', '{"keywords": [');

    expectCleanJsonError(answer, 400);
    expect(jsonOf(answer)).toEqual({ error: expect.stringContaining('JSON') });
  });

  it('should answer a body over the limit with a 413 in French', async () => {
    const answer = await send('PUT', '/api/criteria', JSON.stringify({ keywords: ['x'.repeat(200_000)] }));

    expectCleanJsonError(answer, 413);
    expect(jsonOf(answer)).toEqual({ error: expect.stringContaining('volumineux') });
  });

  it('should answer a body that is not JSON with a 415 in French', async () => {
    const answer = await send('POST', '/api/sources/a%40b.fr/activation', 'phase=enrich&enabled=false', {
      'content-type': 'application/x-www-form-urlencoded',
    });

    expectCleanJsonError(answer, 415);
    expect(jsonOf(answer)).toEqual({ error: expect.stringContaining('application/json') });
  });

  it('should answer an unsupported body encoding with a 415 in French', async () => {
    const answer = await send('PUT', '/api/criteria', '{}', { 'content-type': 'application/json', 'content-encoding': 'br-inconnu' });

    expectCleanJsonError(answer, 415);
  });

  it('should answer an unknown route with a 404 in French', async () => {
    expectCleanJsonError(await request(`${suite.app.url}/api/nulle-part`), 404);
    expectCleanJsonError(await send('POST', '/api/nulle-part', '{}'), 404);
  });

  it('should answer a path that cannot be decoded with a 400 in French', async () => {
    const answer = await send('POST', '/api/sources/%E0%A4%A/activation', '{"phase":"enrich","enabled":false}');

    expectCleanJsonError(answer, 400);
    expect(jsonOf(answer)).toEqual({ error: expect.not.stringMatching(/Failed|decode/) });
  });

  it('should still take a well-formed body, and a POST with no body at all', async () => {
    const activation = await send('POST', '/api/sources/x%40y.fr/activation', '{"phase":"everything"}');
    const stop = await request(`${suite.app.url}/api/runs/stop`, { method: 'POST' });

    expectCleanJsonError(activation, 400);
    expect(jsonOf(activation)).toEqual({ error: expect.stringContaining('phase') });
    expectCleanJsonError(stop, 409);
  });
});

describe('Given an unexpected failure behind a route', () => {
  it('should answer a 500 that keeps the failure’s detail, which may name files, out of the page', async () => {
    const { dir, cleanup } = freshDataDir();
    const app = await startTestApp(
      dir,
      {},
      {
        wrapStore: (store) => ({
          ...store,
          setActivation: () => Promise.reject(new Error("EBADF: bad file descriptor, read '/home/someone/veille/data/veille.sqlite'")),
        }),
      },
    );
    try {
      const sender = app.deps.bus.current().sources.keys().next().value as string;

      const answer = await request(`${app.url}/api/sources/${encodeURIComponent(sender)}/activation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"phase":"enrich","enabled":false}',
      });

      expectCleanJsonError(answer, 500);
      expect(jsonOf(answer)).toEqual({ error: 'Erreur interne : le détail est dans le journal de Veille.' });
    } finally {
      await app.close();
      cleanup();
    }
  });
});
