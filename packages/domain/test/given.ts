import type { DomainEvent } from '../src/events';
import { evolve, initialProjection, type Projection } from '../src/projection';
import type { Source } from '../src/source';
import type { OfferSummary } from '../src/offer';
import type { OfferFacts } from '../src/workflow/statusChange';

/** given(events) folds them with the same reducer the server and the UI use. */
export function given(...events: DomainEvent[]): Projection {
  return events.reduce(evolve, initialProjection());
}

export const on = { import: true, enrich: true, analyse: true };

export function aSource(sender: string, overrides: Partial<Source> = {}): Source {
  return {
    sender,
    board: 'HelloWork',
    activation: on,
    available: on,
    ...overrides,
  };
}

let sequence = 0;
export function anOffer(source: string, status: string, overrides: Partial<OfferSummary> = {}): OfferSummary {
  return {
    id: `rec${++sequence}`,
    source,
    status,
    url: 'https://www.hellowork.com/fr-fr/emplois/1.html',
    title: 'Data engineer',
    company: 'Acme',
    city: 'Lyon',
    salary: '',
    offerDate: '',
    addedAt: '2026-11-24',
    hasText: false,
    analysed: false,
    ...overrides,
  };
}

export const now = '2026-11-24T08:00:00.000Z';

type ErrorType<E extends Error> = new (...args: never[]) => E;

/** The `then` of a specification: what the decision returns, or the refusal it throws. */
function outcome<Result>(decide: () => Result) {
  return {
    then: (expected: Result): void => {
      expect(decide()).toEqual(expected);
    },
    thenThrows: <E extends Error>(type: ErrorType<E>, expected: Partial<E>): void => {
      let thrown: unknown;
      try {
        decide();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(type);
      for (const [key, value] of Object.entries(expected)) expect((thrown as Record<string, unknown>)[key]).toEqual(value);
    },
  };
}

/** A decision over the projection, read as Emmett's specifications: given(events).when(command).then(…). */
export function onProjection<Command, Result>(decide: (command: Command, state: Projection) => Result) {
  return {
    given: (...events: DomainEvent[]) => ({ when: (command: Command) => outcome(() => decide(command, given(...events))) }),
  };
}

/** A decision over the offers a person picked: given(offers).when(command).then(…). */
export function onOffers<Command, Result>(decide: (command: Command, offers: ReadonlyMap<string, OfferFacts>) => Result) {
  return {
    given: (...offers: OfferFacts[]) => ({
      when: (command: Command) => outcome(() => decide(command, new Map(offers.map((offer) => [offer.id, offer])))),
    }),
  };
}

/** A decision on its command alone: when(command).then(…). */
export function onCommand<Command, Result>(decide: (command: Command) => Result) {
  return { when: (command: Command) => outcome(() => decide(command)) };
}

export function facts(id: string, status: string, overrides: Partial<OfferFacts> = {}): OfferFacts {
  return {
    id,
    source: 'notification@emails.hellowork.com',
    status,
    url: `https://www.hellowork.com/fr-fr/emplois/${id}.html`,
    hasText: true,
    analysed: true,
    ...overrides,
  };
}
