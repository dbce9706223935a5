import { stackedCard } from './hellowork';
import { boardParser, byId } from './links';

export const franceTravailParser = boardParser(
  'France Travail',
  /@(\w+\.)*(francetravail|pole-emploi)\.fr$/,
  byId(
    'francetravail',
    /(?:francetravail|pole-emploi)\.fr\/candidat\/offres\/recherche\/detail\/(\w+)/,
    (id) => `https://candidat.francetravail.fr/offres/recherche/detail/${id}`,
  ),
  stackedCard,
  'francetravail',
);
