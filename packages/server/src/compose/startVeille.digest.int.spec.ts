import { STATUS, type DigestReady, type Projection } from '@veille/domain';
import { freshDataDir, runEnded, startTestApp, until } from '../../test/harness';
import { capturedLog, settingsApi } from '../../test/settingsApi';
import { SMTP_PASSWORD, SMTP_USER, smtpForSuite } from '../../test/smtp';
import { openSse } from '../../test/sseClient';
import { DEMO_OFFERS } from '../demo/catalogue';
import type { Veille } from './startVeille';

const HOSTILE = '<img src=x onerror="alert(1)">Data Engineer Senior & "Cie"';
const TO = 'moi@example.org';

/** The offers a run left in À traiter at or over the threshold, best first (ties by title): what the digest must list. */
const worthTelling = (state: Projection, minScore: number) =>
  [...state.offers.values()]
    .filter((offer) => offer.status === STATUS.toProcess && (offer.analysis?.total ?? -1) >= minScore)
    .sort((a, b) => (b.analysis?.total ?? 0) - (a.analysis?.total ?? 0) || a.title.localeCompare(b.title, 'fr'));

describe('Digest of the best new offers', () => {
  const server = smtpForSuite();
  let app: Veille | undefined;
  let cleanup = (): void => undefined;

  const smtpEnv = (overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(server.smtp.port),
    SMTP_SECURE: 'false',
    SMTP_USER,
    SMTP_PASSWORD,
    DIGEST_TO: TO,
    ...overrides,
  });

  /** A first start (the demo seeded), then one run through every phase. */
  const startAndRun = async (env: NodeJS.ProcessEnv, log = capturedLog(), before?: (veille: Veille) => Promise<void>) => {
    const data = freshDataDir();
    cleanup = data.cleanup;
    app = await startTestApp(data.dir, env, { log: log.log });
    const stream = openSse(`${app.url}/api/events`);
    await before?.(app);
    const ended = runEnded(app.deps.bus);
    expect((await fetch(`${app.url}/api/runs`, { method: 'POST' })).status).toBe(202);
    const state = await ended;
    return { veille: app, state, stream, lines: log.lines };
  };

  afterEach(async () => {
    await app?.close();
    app = undefined;
    cleanup();
  });

  it('should mail the new offers over the threshold, ranked by score, in French, in HTML and plain text, with a hostile title escaped', async () => {
    const best = DEMO_OFFERS.find((offer) => offer.title === 'Data Engineer Senior (H/F)');
    const addHostile = async (veille: Veille): Promise<void> => {
      const added = await fetch(`${veille.url}/api/offers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${veille.url}/demo/offres/${best?.slug}?copie=1`, title: HOSTILE, company: 'Acme <b>SA</b>' }),
      });
      expect(added.status).toBe(201);
    };

    const { veille, state, stream, lines } = await startAndRun(smtpEnv(), capturedLog(), addHostile);
    await until(veille.deps.bus, (current) => current.run.digest?.mail === 'sent');
    await server.smtp.receivedCount(1);

    const expected = worthTelling(state, 14);
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.map((offer) => offer.title)).toContain(HOSTILE);
    expect(server.smtp.received).toHaveLength(1);
    const [mail] = server.smtp.received;
    expect(mail.subject).toBe(`Veille : ${expected.length} nouvelles offres ≥ 14/20`);
    expect(server.smtp.envelopes[0]).toEqual({ from: SMTP_USER, to: [TO] });

    // Both parts, each listing the offers best first, with company, city, score, summary and link.
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    const positions = expected.map((offer) => text.indexOf(`. ${offer.title.replace(/\s+/g, ' ')} — `));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const top = expected[0];
    expect(text).toContain(`${String(top.analysis?.total).replace('.', ',')}/20`);
    expect(text).toContain(top.company);
    expect(text).toContain(top.city);
    expect(text).toContain(top.analysis?.summary.replace(/\s+/g, ' ').trim() ?? '');
    expect(text).toContain(top.url);
    expect(html).toContain(`href="${new URL(top.url).href}"`);
    expect(html).toContain('<!doctype html><html lang="fr">');

    // The hostile title and company are text in the HTML part, never markup.
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>SA</b>');
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;Data Engineer Senior &#38; &#34;Cie&#34;');
    expect(text).toContain(HOSTILE);

    // The open pages are told, in a small event: the count, and the best five at most.
    await stream.waitFor((messages) => messages.some((message) => message.event === 'DigestMailed'));
    const ready = stream.messages.find((message) => message.event === 'DigestReady')?.data as DigestReady['data'];
    expect(ready).toMatchObject({ count: expected.length, minScore: 14, mailing: true });
    expect(ready.best).toHaveLength(Math.min(5, expected.length));
    expect(ready.best[0]).toEqual({ id: top.id, title: top.title, company: top.company, score: top.analysis?.total });
    stream.close();

    // The password is in no event, no answer and no log line.
    const everything = [...lines, JSON.stringify(stream.messages), await (await fetch(`${veille.url}/api/state`)).text()].join('\n');
    expect(everything).not.toContain(SMTP_PASSWORD);
  });

  it('should send no digest and tell no page when nothing crosses the threshold', async () => {
    const { veille, state, stream } = await startAndRun(smtpEnv({ DIGEST_MIN_SCORE: '16' }));

    expect(worthTelling(state, 16)).toEqual([]);
    await veille.close();
    app = undefined;
    expect(server.smtp.received).toEqual([]);
    expect(stream.messages.map((message) => message.event)).not.toContain('DigestReady');
    expect(state.run.digest).toBeUndefined();
    stream.close();
  });

  it('should tell the pages without an email when no SMTP server is set', async () => {
    const { veille, stream } = await startAndRun({});

    await stream.waitFor((messages) => messages.some((message) => message.event === 'DigestReady'));
    expect(veille.deps.bus.current().run.digest).toMatchObject({ mail: 'none', minScore: 14 });
    expect(server.smtp.received).toEqual([]);
    stream.close();
  });

  it('should say why the email was refused, in the run panel and the log, password removed, and leave the run as it ended', async () => {
    const wrong = 'mauvais-mot-de-passe-71x';
    const log = capturedLog();

    const { veille, state, lines } = await startAndRun(smtpEnv({ SMTP_PASSWORD: wrong }), log);
    const failed = await until(veille.deps.bus, (current) => current.run.digest?.mail === 'failed');

    expect(state.run.outcome).toBe('done');
    expect(failed.run.digest?.error).toBe(`Identifiant ou mot de passe refusé par le serveur SMTP 127.0.0.1 (identifiant : ${SMTP_USER}).`);
    expect((await (await fetch(`${veille.url}/api/runs?limit=1`)).json()) as unknown).toMatchObject({ runs: [{ outcome: 'finished' }] });
    expect(lines.some((line) => line.includes('digest email not sent'))).toBe(true);
    expect(lines.join('\n')).not.toContain(wrong);
    expect(server.smtp.received).toEqual([]);
  });
});

describe('Digest settings', () => {
  const server = smtpForSuite();
  let app: Veille | undefined;
  let cleanup = (): void => undefined;

  const start = async (env: NodeJS.ProcessEnv = {}) => {
    const data = freshDataDir();
    cleanup = data.cleanup;
    const log = capturedLog();
    app = await startTestApp(data.dir, env, { log: log.log });
    return { api: settingsApi(app.url), lines: log.lines, veille: app };
  };

  afterEach(async () => {
    await app?.close();
    app = undefined;
    cleanup();
  });

  it('should show the environment’s values read-only, the password only as set, and refuse to change them', async () => {
    const { api } = await start({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(server.smtp.port),
      SMTP_USER,
      SMTP_PASSWORD,
      DIGEST_TO: TO,
      DIGEST_MIN_SCORE: '15',
    });

    const { body } = await api.get();
    expect(body.digest).toMatchObject({
      minScore: 15,
      host: '127.0.0.1',
      port: server.smtp.port,
      secure: false,
      user: SMTP_USER,
      password: { set: true, hint: `…${SMTP_PASSWORD.slice(-4)}` },
      to: TO,
      from: { minScore: 'env', host: 'env', port: 'env', secure: 'default', user: 'env', password: 'env', to: 'env' },
    });
    const refused = await api.put({ digest: { host: 'smtp.example.org', password: 'autre-mot-de-passe' } });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual({
      'digest.host': "défini par l'environnement (SMTP_HOST) : changez-le là, puis redémarrez Veille",
      'digest.password': "défini par l'environnement (SMTP_PASSWORD) : changez-le là, puis redémarrez Veille",
    });
    expect(api.answers.join('\n')).not.toContain(SMTP_PASSWORD);
  });

  it('should save the digest from the page, the password never shown again, and « Tester » send a test email', async () => {
    const { api, lines } = await start();

    const saved = await api.put({
      digest: { minScore: 12.5, host: '127.0.0.1', port: server.smtp.port, secure: false, user: SMTP_USER, password: SMTP_PASSWORD, to: TO },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.digest).toMatchObject({ minScore: 12.5, host: '127.0.0.1', password: { set: true }, to: TO, from: { host: 'file', password: 'file' } });

    const tested = await api.test({ part: 'digest' });
    expect(tested.body).toMatchObject({ ok: true, message: `Email de test envoyé à ${TO} par 127.0.0.1:${server.smtp.port} : vérifiez votre boîte.` });
    await server.smtp.receivedCount(1);
    expect(server.smtp.received[0].subject).toBe('Veille : test du résumé par email');

    const wrong = await api.test({ part: 'digest', values: { password: 'pas-le-bon-mot-de-passe' } });
    expect(wrong.body).toMatchObject({ ok: false, message: `Identifiant ou mot de passe refusé par le serveur SMTP 127.0.0.1 (identifiant : ${SMTP_USER}).` });
    expect([...api.answers, ...lines].join('\n')).not.toContain(SMTP_PASSWORD);
    expect([...api.answers, ...lines].join('\n')).not.toContain('pas-le-bon-mot-de-passe');
  });

  it('should name each field refused, in French, and save nothing', async () => {
    const { api } = await start();

    const refused = await api.put({ digest: { minScore: 25, port: 0, to: 'moi@', host: 'smtp://exemple' } });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual({
      'digest.minScore': 'entre 0 et 20',
      'digest.port': 'entre 1 et 65535',
      'digest.to': 'une adresse email est attendue (ex. vous@exemple.fr)',
      'digest.host': 'nom du serveur attendu, sans « smtp:// » ni port (ex. smtp.gmail.com)',
    });
    const incomplete = await api.put({ digest: { host: 'smtp.example.org', user: SMTP_USER } });
    expect(incomplete.body.fields).toEqual({
      'digest.to': 'requise pour le résumé par email : l’adresse qui le reçoit',
      'digest.password': "requis avec un identifiant SMTP : un mot de passe d'application",
    });
    expect((await api.get()).body.digest).toMatchObject({ minScore: 14, host: '', port: 587, to: '', password: { set: false, hint: '' } });

    // The threshold alone needs no server: the notification uses it.
    expect((await api.put({ digest: { minScore: 16 } })).body.digest).toMatchObject({ minScore: 16, from: { minScore: 'file' } });
  });
});
