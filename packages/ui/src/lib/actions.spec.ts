import type { OfferItem } from '@veille/domain';
import { refusalOf } from './actions';

const offer = (id: string, facts: Partial<OfferItem> = {}): OfferItem => ({
  id,
  source: 'jobs@makesense.org',
  board: 'Jobs That Make Sense',
  status: 'À traiter',
  title: `Offre ${id}`,
  company: '',
  city: '',
  salary: '',
  date: '2026-11-02',
  url: `https://www.example.com/${id}`,
  summary: '',
  score: { total: 12, criteria: [] },
  dealBreakers: [],
  analysedBy: 'règles',
  cost: 0,
  reason: '',
  hasText: true,
  analysed: true,
  seenAlsoOn: [],
  duplicateOf: null,
  ...facts,
});

const never = { status: 'Expiré', score: null, analysedBy: null, cost: null, hasText: false, analysed: false } satisfies Partial<OfferItem>;

describe("The workspace's buttons ask the domain", () => {
  it('should let a person decide on any offer', () => {
    for (const status of ['Candidaté', 'Refusé', 'Traité', 'Ignoré'] as const) expect(refusalOf(status, [offer('a', never)])).toBe('');
  });

  it('should send an offer back to À traiter only once analysed, with the reason the server would give', () => {
    expect(refusalOf('À traiter', [offer('a', { status: 'Candidaté' })])).toBe('');
    expect(refusalOf('À traiter', [offer('a', never)])).toBe("Cette offre n'a pas encore été analysée : elle ne peut pas passer en « À traiter ».");
  });

  it('should reanalyse only an offer with a text, and re-enrich only an offer with a web address', () => {
    expect(refusalOf('À analyser', [offer('a')])).toBe('');
    expect(refusalOf('À analyser', [offer('a', never)])).toMatch(/pas encore de texte/);
    expect(refusalOf('A compléter', [offer('a')])).toBe('');
    expect(refusalOf('A compléter', [offer('a', { url: '' })])).toMatch(/pas d'adresse web/);
  });

  it('should refuse a selection as a whole when one of its offers cannot move', () => {
    expect(refusalOf('À traiter', [offer('a', { status: 'Traité' }), offer('b', never)])).toBe(
      "Une des offres choisies n'a pas encore été analysée : aucune n'est passée en « À traiter ».",
    );
  });

  it('should say there is nothing to do for an offer already in that status, or when none is chosen', () => {
    expect(refusalOf('À traiter', [offer('a')])).toBe('Cette offre est déjà « À traiter ».');
    expect(refusalOf('Traité', [])).toBe('Aucune offre choisie.');
  });
});
