import type { DomainEvent } from '../src/events';
import { evolve, initialProjection, type Projection } from '../src/projection';
import type { Source } from '../src/source';
import type { OfferSummary } from '../src/offer';

/** given(events) folds them with the same reducer the server and the UI use. */
export const given = (...events: DomainEvent[]): Projection => events.reduce(evolve, initialProjection());

export const on = { import: true, enrich: true, analyse: true };

export const aSource = (sender: string, overrides: Partial<Source> = {}): Source => ({
  sender,
  board: 'HelloWork',
  activation: on,
  available: on,
  ...overrides,
});

let sequence = 0;
export const anOffer = (source: string, status: string, overrides: Partial<OfferSummary> = {}): OfferSummary => ({
  id: `rec${++sequence}`,
  source,
  status,
  url: 'https://www.hellowork.com/fr-fr/emplois/1.html',
  title: 'Data engineer',
  company: 'Acme',
  city: 'Lyon',
  ...overrides,
});

export const now = '2026-11-24T08:00:00.000Z';
