import { canonicalKey, fold, jobIdentity, sameJobKeys } from './sameJob';

describe('Same-job keys', () => {
  describe('canonicalKey', () => {
    it.each([
      ['https://www.Acme.fr/jobs/42', 'acme.fr/jobs/42'],
      ['HTTP://acme.fr/jobs/42/', 'acme.fr/jobs/42'],
      ['https://acme.fr/jobs/42?utm_source=linkedin&trk=x&refId=1#postuler', 'acme.fr/jobs/42'],
      ['https://www.cadremploi.fr/emploi/detail_offre?offreId=123&xtor=EPR', 'cadremploi.fr/emploi/detail_offre?offreId=123'],
      ['https://board.fr/offre?b=2&a=1', 'board.fr/offre?a=1&b=2'],
      ['id:cadremploi.fr/ABC-123', 'id:cadremploi.fr/abc-123'],
    ])('should read %s as %s', (address, key) => {
      expect(canonicalKey(address)).toBe(key);
    });

    it.each([[''], ['https://www.acme.fr/'], ['https://acme.fr/?utm_campaign=x'], ['https://exa mple']])(
      'should give no key for %j (no job’s address)',
      (address) => {
        expect(canonicalKey(address)).toBeUndefined();
      },
    );

    it('should keep apart what only the path or a real parameter tells apart', () => {
      expect(canonicalKey('https://acme.fr/jobs/42')).not.toBe(canonicalKey('https://acme.fr/jobs/43'));
      expect(canonicalKey('https://board.fr/offre?id=1')).not.toBe(canonicalKey('https://board.fr/offre?id=2'));
    });
  });

  describe('jobIdentity', () => {
    it('should fold case, accents, punctuation, gender marks, legal forms and districts', () => {
      expect(fold('  Ingénieur·e  Données! ')).toBe('ingenieur e donnees');
      expect(jobIdentity({ title: 'Ingénieur Data (H/F)', company: 'Acme SAS', city: 'Lyon 3e' })).toBe('acme|ingenieur data|lyon');
      expect(jobIdentity({ title: 'INGENIEUR DATA F/H', company: 'ACME', city: 'Lyon (69)' })).toBe('acme|ingenieur data|lyon');
      expect(jobIdentity({ title: 'Ingénieur data - H/F/X', company: 'Groupe Acme', city: '69003 Lyon, France' })).toBe('acme|ingenieur data|lyon');
    });

    it('should keep apart another title, company or city', () => {
      const base = jobIdentity({ title: 'Data engineer', company: 'Acme', city: 'Lyon' });
      expect(jobIdentity({ title: 'Data analyst', company: 'Acme', city: 'Lyon' })).not.toBe(base);
      expect(jobIdentity({ title: 'Data engineer', company: 'Datalyo', city: 'Lyon' })).not.toBe(base);
      expect(jobIdentity({ title: 'Data engineer', company: 'Acme', city: 'Paris' })).not.toBe(base);
    });

    it('should give none when the title, the company or the city is unknown', () => {
      expect(jobIdentity({ title: 'Data engineer', company: 'Acme', city: '' })).toBeUndefined();
      expect(jobIdentity({ title: 'H/F', company: 'Acme', city: 'Lyon' })).toBeUndefined();
      expect(jobIdentity({ title: 'Data engineer', company: 'SAS', city: 'Lyon' })).toBeUndefined();
    });
  });

  it('should key an offer by its link, the page’s canonical address and its identity', () => {
    expect(
      sameJobKeys({
        url: 'https://fr.indeed.com/viewjob?jk=1&from=alert',
        canonical: 'acme.fr/jobs/42',
        title: 'Data engineer',
        company: 'Acme',
        city: 'Lyon',
      }),
    ).toEqual(['url:fr.indeed.com/viewjob?jk=1', 'url:acme.fr/jobs/42', 'job:acme|data engineer|lyon']);
  });
});
