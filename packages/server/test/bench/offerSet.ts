import { digestOf, STATUSES, type Analysis, type OfferSummary, type Source } from '@veille/domain';

/**
 * Offers as a year of alerts leaves them: titles, companies and cities from small sets, and for
 * every other offer an analysis as long as Claude writes them (a summary of three sentences, a
 * sentence per criterion, one deal-breaker in ten).
 */
export function benchSources(count: number): Source[] {
  return Array.from({ length: count }, (_unused, index) => ({
    sender: `alerts-${index}@board.example`,
    board: 'HelloWork',
    activation: { import: true, enrich: true, analyse: true },
    available: { import: true, enrich: true, analyse: true },
  }));
}

const TITLES = ['Data engineer', 'Ingénieur données senior', 'Développeur Python', 'Analytics engineer', 'Chef de projet data', 'Architecte cloud'];
const COMPANIES = ['Acme', 'Société Générale', 'Doctolib', 'Qonto', 'BlaBlaCar', 'Decathlon Digital', 'Crédit Agricole', 'Back Market'];
const CITIES = ['Lyon', 'Paris', 'Nantes', 'Bordeaux', 'Lille', 'Télétravail'];
const CRITERIA = ['localisation', 'salaire', 'culture', 'qualite', 'Impact'];

const analysisOf = (index: number): Analysis => ({
  summary:
    `Le poste ${index} vous ferait construire la plateforme de données d'une équipe de huit personnes, sur une stack proche de la vôtre (Python, Airflow, dbt). ` +
    'Le salaire annoncé est au niveau de votre plancher et le télétravail est possible deux jours par semaine. ' +
    "L'entreprise parle peu de sa culture : à vérifier en entretien.",
  scores: Object.fromEntries(CRITERIA.map((name, position) => [name, (index * 7 + position * 3) % 21])),
  justifications: Object.fromEntries(
    CRITERIA.map((name) => [name, `Le texte de l'offre indique des éléments précis sur ce critère (${name}), cohérents avec vos attentes.`]),
  ),
  total: ((index * 37) % 201) / 10,
  dealBreakers: [
    {
      title: 'Astreintes',
      hit: index % 10 === 0,
      justification: index % 10 === 0 ? 'Astreintes un week-end sur quatre, mentionnées dans le texte.' : 'Aucune astreinte mentionnée.',
    },
  ],
  analyser: 'claude-sonnet-5-5',
  costUsd: 0.0123,
});

export function benchOffers(count: number, sources: readonly Source[]): OfferSummary[] {
  return Array.from({ length: count }, (_unused, index): OfferSummary => {
    const analysed = index % 2 === 0;
    return {
      id: `rec${String(index).padStart(14, '0')}`,
      source: sources[index % sources.length].sender,
      url: `https://www.hellowork.com/fr-fr/emplois/${index}.html`,
      status: analysed ? STATUSES[2 + (index % 6)] : STATUSES[index % 2],
      title: `${TITLES[index % TITLES.length]} ${index}`,
      company: COMPANIES[index % COMPANIES.length],
      city: CITIES[index % CITIES.length],
      reason: '',
      salary: index % 3 === 0 ? '45 000 € - 55 000 € par an' : '',
      offerDate: `2026-${String(1 + (index % 11)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
      addedAt: '2026-11-24',
      hasText: analysed || index % 4 === 1,
      analysed,
      ...(analysed ? { analysis: digestOf(analysisOf(index)) } : {}),
    };
  });
}

export function benchAnalysis(index: number): Analysis {
  return analysisOf(index);
}
