import { gzipSync } from 'node:zlib';
import { canonicalUrl } from './cards';
import { untrack } from './tracking';

const base64url = (content: string | Buffer): string => Buffer.from(content).toString('base64url');

describe('Reading a tracked link', () => {
  it('should find the offer in a base64 path segment, behind a redirection page (HelloWork)', () => {
    const inner = `https://www.hellowork.com/fr-fr/home/redirection?urlRedirection=${encodeURIComponent('https://www.hellowork.com/fr-fr/emplois/75638835.html')}&token=abc`;
    const href = `https://emails.hellowork.com/clic/0f3a/3/9c1d/${base64url(`vous@example.org\u{1faa2}${inner}`)}`;

    expect(untrack(href)).toBe('https://www.hellowork.com/fr-fr/emplois/75638835.html');
  });

  it('should read the href of a Customer.io payload, JSON escapes included (Jobs That Make Sense)', () => {
    const payload = JSON.stringify({ email_id: 'x', href: 'https://jobs.makesense.org/jobs/AbC123?utm_source=alert&utm_medium=email', link_id: 7 });
    const href = `https://e.customeriomail.com/e/c/${base64url(payload)}/0e2d07b7fd`;

    expect(untrack(href)).toBe('https://jobs.makesense.org/jobs/AbC123?utm_source=alert&utm_medium=email');
  });

  it('should unzip a gzipped payload (Indeed cts links)', () => {
    const payload = JSON.stringify({ u: 'https://www.indeed.com/rc/clk?jk=eb00a15f9ecb1936&from=email', m: { clickType: 'job' } });
    const href = `https://cts.indeed.com/v3/${base64url(gzipSync(payload))}/c2lnbmF0dXJlLW9mLXRoZS1saW5r`;

    expect(untrack(href)).toBe('https://www.indeed.com/rc/clk?jk=eb00a15f9ecb1936&from=email');
  });

  it('should follow a redirect parameter (Welcome to the Jungle)', () => {
    const target = 'https://www.welcometothejungle.com/fr/companies/ecotrip/jobs/analytics-engineer_lyon';
    const href = `https://t.welcometothejungle.com/r?redirect=${encodeURIComponent(target)}&sig=1`;

    expect(untrack(href)).toBe(target);
  });

  it('should leave alone what carries no destination: opaque trackers, junk', () => {
    const opaque = 'https://r.emails4.alertes.cadremploi.fr/tr/cl/RPZwNiIVIfgsPynNV3rnblqegtcdufcvsdW';

    expect(untrack(opaque)).toBe(opaque);
    expect(untrack('not a url')).toBe('not a url');
    expect(untrack(`https://cts.indeed.com/v3/${base64url(Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]))}`)).toMatch(
      /^https:\/\/cts/,
    );
  });
});

describe('Canonical URL', () => {
  it('should strip the tracking parameters and keep what identifies the page', () => {
    expect(canonicalUrl('https://jobs.example.org/offre?id=42&utm_source=mail&utm_campaign=x&trk=eml&refId=abc&trackingId=def#top')).toBe(
      'https://jobs.example.org/offre?id=42',
    );
  });
});
