import type { OfferRecord } from '@veille/domain';

/** An offer as phase 3 reads it: a Lyon data job with a text that matches the default criteria. */
export function anOfferRecord(overrides: Partial<OfferRecord> = {}): OfferRecord {
  return {
    id: 'rec1',
    key: 'hellowork:1',
    source: 'notification@emails.hellowork.com',
    url: 'https://www.hellowork.com/fr-fr/emplois/1.html',
    status: 'À analyser',
    text: `Data engineer à Lyon : Python, SQL, Airflow et dbt. Télétravail possible. ${'Une équipe data qui construit la plateforme. '.repeat(40)}`,
    reason: '',
    addedAt: '2026-11-24T08:00:00.000Z',
    title: 'Data engineer',
    company: 'Acme',
    city: 'Lyon',
    department: '69',
    salary: '50 000 € - 60 000 € par an',
    offerDate: '',
    ...overrides,
  };
}
