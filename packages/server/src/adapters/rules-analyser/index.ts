import { RULES_ANALYSER, type Analyser, type Analysis, type DealBreakerVerdict, type OfferRecord } from '@veille/domain';
import type { Criteria } from '../../criteria/criteria';
import { totalOf } from '../../criteria/total';
import { yearlySalary } from './salary';

const clamp = (value: number): number => Math.max(0, Math.min(20, Math.round(value)));

const found = (haystack: string, words: readonly string[]): string[] =>
  words.filter((word) => new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'iu').test(haystack));

const REMOTE = /télétravail|remote|full remote|à distance/i;

/**
 * The transparent analyser used without a Claude key: every score comes from a rule the user can
 * read in the summary. Labelled "règles", never presented as AI.
 */
export function createRulesAnalyser(criteria: Criteria): Analyser {
  const analyse = (offer: OfferRecord): Analysis => {
    const haystack = `${offer.title}\n${offer.company}\n${offer.text}`;
    const keywords = found(haystack, criteria.keywords);
    const place = found(`${offer.city} ${offer.text}`, criteria.locations);
    const remote = criteria.remoteOk && REMOTE.test(offer.text);
    const yearly = yearlySalary(offer.salary);
    const floor = criteria.salaryFloor;

    const scores: Record<string, number> = {
      localisation: clamp(place.some((city) => offer.city.toLowerCase().includes(city.toLowerCase())) ? 18 : remote ? 15 : place.length > 0 ? 12 : 5),
      salaire: clamp(yearly === undefined || floor === null ? 10 : yearly >= floor ? 14 + Math.min(6, ((yearly - floor) / floor) * 20) : 14 * (yearly / floor)),
      culture: clamp(criteria.keywords.length === 0 ? 10 : 4 + (16 * keywords.length) / Math.min(criteria.keywords.length, 5)),
      qualite: clamp(Math.min(12, offer.text.length / 150) + (offer.salary ? 4 : 0) + (offer.company ? 2 : 0) + (offer.city ? 2 : 0)),
    };
    for (const optional of criteria.optionalScores) scores[optional.name] = clamp(4 + 8 * found(haystack, optional.keywords).length);
    const dealBreakers: DealBreakerVerdict[] = criteria.dealBreakers.map((breaker) => {
      const hits = found(haystack, breaker.keywords);
      return { title: breaker.title, hit: hits.length > 0, justification: hits.length > 0 ? `Le texte mentionne « ${hits[0]} ».` : 'Aucun mot-clé trouvé.' };
    });
    const broken = dealBreakers.filter((verdict) => verdict.hit);
    const total = totalOf(scores, dealBreakers, criteria);

    const justifications: Record<string, string> = {
      localisation: place.length
        ? `Lieu : ${offer.city || place[0]}, dans vos zones.`
        : remote
          ? 'Télétravail mentionné.'
          : `Lieu : ${offer.city || 'non précisé'}, hors de vos zones.`,
      salaire:
        yearly === undefined
          ? 'Salaire non précisé.'
          : `Salaire estimé ${Math.round(yearly).toLocaleString('fr-FR')} € par an${floor ? (yearly >= floor ? ', au-dessus de votre plancher' : ', sous votre plancher') : ''}.`,
      culture: `${keywords.length} mot(s)-clé(s) trouvé(s)${keywords.length ? ` (${keywords.join(', ')})` : ''}.`,
      qualite: `Texte de ${offer.text.length.toLocaleString('fr-FR')} caractères${offer.salary ? ', salaire indiqué' : ''}${offer.company ? ', entreprise nommée' : ''}.`,
    };
    for (const optional of criteria.optionalScores) {
      const hits = found(haystack, optional.keywords);
      justifications[optional.name] = hits.length ? `Le texte mentionne ${hits.map((hit) => `« ${hit} »`).join(', ')}.` : 'Aucun mot-clé trouvé.';
    }

    const sentences = [`Analyse par règles : ${justifications.culture}`, justifications.localisation, justifications.salaire];
    if (broken.length) sentences.push(`Rédhibitoire : ${broken.map((verdict) => verdict.title).join(', ')}.`);
    return { summary: sentences.join(' '), scores, justifications, total, dealBreakers, analyser: RULES_ANALYSER, costUsd: 0 };
  };
  // Through the executor, a throw rejects the promise as the port's callers expect.
  return { label: RULES_ANALYSER, analyse: (offer) => new Promise((resolve) => resolve(analyse(offer))) };
}
