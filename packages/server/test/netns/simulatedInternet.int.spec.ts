import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNamespace, namespacesAvailable, runVeille, startInternet, type Internet, type Namespace, type StoredOffer } from './namespace';
import { DESCRIPTION_WORDS, NAMES, SECRET_WORDS, URLS } from './scenario';

const describeInNamespace = namespacesAvailable() ? describe : describe.skip;

describeInNamespace('Veille on a simulated internet (a network namespace, a stub DNS, a board at 203.0.113.10)', () => {
  let namespace: Namespace | undefined;
  let internet: Internet | undefined;
  let parent: string | undefined;
  let offers: StoredOffer[] = [];

  beforeAll(async () => {
    namespace = createNamespace();
    internet = await startInternet(namespace);
    parent = mkdtempSync(path.join(os.tmpdir(), 'veille-netns-'));
    offers = await runVeille(namespace, path.join(parent, 'data'));
  }, 120_000);

  afterAll(async () => {
    await internet?.stop();
    namespace?.remove();
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  const offerAt = (url: string): StoredOffer | undefined => offers.find((offer) => offer.url === url);

  it("should enrich the board's public page: À analyser, with the text of its job description", () => {
    expect(offerAt(URLS.board)).toMatchObject({ status: 'À analyser', reason: '', text: expect.stringContaining(DESCRIPTION_WORDS) });
  });

  it('should refuse a name that answers the public address first and 127.0.0.1 next', () => {
    expect(offerAt(URLS.rebinding)).toMatchObject({ status: 'Ignoré', reason: `Adresse interne refusée (${NAMES.rebinding} → 127.0.0.1)` });
    expect(internet?.dns).toEqual(expect.arrayContaining([`${NAMES.rebinding} A → 203.0.113.10`, `${NAMES.rebinding} A → 127.0.0.1`]));
  });

  it('should refuse a name that resolves to a private address, loopback addresses written in the URL, and a redirect to this machine', () => {
    expect([URLS.internalName, URLS.loopbackLiteral, URLS.ipv6LoopbackLiteral, URLS.redirectInside].map((url) => offerAt(url))).toEqual([
      expect.objectContaining({ status: 'Ignoré', reason: `Adresse interne refusée (${NAMES.internal} → 10.0.0.1)` }),
      expect.objectContaining({ status: 'Ignoré', reason: 'Adresse interne refusée (127.0.0.1 → 127.0.0.1)' }),
      expect.objectContaining({ status: 'Ignoré', reason: 'Adresse interne refusée (::1 → ::1)' }),
      expect.objectContaining({ status: 'Ignoré', reason: expect.stringMatching(/^Adresse interne refusée \(localhost → (127\.0\.0\.1|::1)\)$/) }),
    ]);
  });

  it('should never let a request reach the loopback server, nor its page reach an offer', () => {
    expect(internet?.loopback).toEqual([]);
    expect(offers.filter((offer) => offer.text.includes(SECRET_WORDS))).toEqual([]);
    expect(offers).toHaveLength(Object.keys(URLS).length);
  });
});
