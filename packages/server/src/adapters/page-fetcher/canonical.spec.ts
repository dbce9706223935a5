import { extract } from './extractors';

const now = new Date('2026-11-24T08:00:00Z');
const text = `<main><p>${'Une équipe data qui construit la plateforme du groupe, à Lyon. '.repeat(8)}</p></main>`;
const jsonLd = (posting: object) => `<script type="application/ld+json">${JSON.stringify({ '@type': 'JobPosting', ...posting })}</script>`;
const page = (head: string) => `<html><head>${head}</head><body>${text}</body></html>`;
const canonicalOf = (url: string, head: string) => {
  const outcome = extract(url, page(head), now);
  return outcome.kind === 'found' ? outcome.canonical : `not found: ${outcome.kind}`;
};

describe('Where a page says its job lives', () => {
  it('should read the canonical link, made absolute against the page', () => {
    expect(canonicalOf('https://board.fr/r/abc', '<link rel="canonical" href="/emploi/42">')).toBe('https://board.fr/emploi/42');
    expect(canonicalOf('https://board.fr/r/abc', '<LINK REL="Canonical" HREF="https://www.board.fr/emploi/42?xtor=1">')).toBe(
      'https://www.board.fr/emploi/42?xtor=1',
    );
  });

  it('should read a JSON-LD JobPosting’s url, else its identifier on the page’s own site', () => {
    const description = 'Data engineer à Lyon. '.repeat(20);
    expect(canonicalOf('https://board.fr/r/abc', jsonLd({ title: 'Data', description, url: 'https://acme.fr/jobs/42' }))).toBe('https://acme.fr/jobs/42');
    expect(
      canonicalOf(
        'https://www.board.fr/r/abc',
        jsonLd({ title: 'Data', description, identifier: { '@type': 'PropertyValue', name: 'Board', value: 'JOB-42' } }),
      ),
    ).toBe('id:board.fr/JOB-42');
    expect(canonicalOf('https://board.fr/r/abc', jsonLd({ title: 'Data', description, identifier: 42 }))).toBe('id:board.fr/42');
  });

  it('should prefer the canonical link to the JSON-LD', () => {
    expect(canonicalOf('https://board.fr/r/abc', `<link rel="canonical" href="https://board.fr/emploi/42">${jsonLd({ url: 'https://acme.fr/jobs/42' })}`)).toBe(
      'https://board.fr/emploi/42',
    );
  });

  it('should give none for a page that names no address, or one that is no web address', () => {
    expect(canonicalOf('https://board.fr/r/abc', '')).toBeUndefined();
    expect(canonicalOf('https://board.fr/r/abc', '<link rel="canonical" href="javascript:alert(1)">')).toBeUndefined();
    expect(canonicalOf('https://board.fr/r/abc', '<link rel="alternate" href="https://board.fr/en/emploi/42">')).toBeUndefined();
  });
});
