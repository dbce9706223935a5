import { apiParams, filterParams, NO_FILTER, readFilter } from './filter';
import { placeSearch, readPlace } from './place';

describe('The workspace filter in the URL', () => {
  it('should read back what it wrote, several statuses included', () => {
    const filter = {
      statuses: ['À traiter', 'Candidaté', 'Autre'] as const,
      source: 'jobs@makesense.org',
      board: 'Jobs That Make Sense' as const,
      q: 'data lyon',
      minScore: 12.5,
      from: '2026-10-01',
      to: '2026-11-30',
      sort: 'date' as const,
      order: 'asc' as const,
    };

    expect(readFilter(filterParams(filter))).toEqual(filter);
  });

  it('should leave the defaults out of the URL, and always tell the API the sort', () => {
    expect(filterParams(NO_FILTER).toString()).toBe('');
    expect(apiParams(NO_FILTER).toString()).toBe('sort=score&order=desc');
    expect(filterParams({ ...NO_FILTER, sort: 'company', order: 'asc' }).toString()).toBe('sort=company');
  });

  it('should drop from a hand-edited address what is not a column, a board, a sort, an order, a date or a score from 0 to 20', () => {
    const read = readFilter(
      new URLSearchParams('status=A+importer&status=Refusé&status=Refusé&board=Pôle+Emploi+Plus&sort=salaire&order=up&minScore=21&from=hier&to=2026-13'),
    );

    expect(read).toEqual({ ...NO_FILTER, statuses: ['Refusé'] });
    expect(readFilter(new URLSearchParams('minScore=-1')).minScore).toBeUndefined();
    expect(readFilter(new URLSearchParams('minScore=abc')).minScore).toBeUndefined();
    expect(readFilter(new URLSearchParams('minScore=0')).minScore).toBe(0);
    expect(readFilter(new URLSearchParams('minScore=20')).minScore).toBe(20);
  });

  it('should take a sort without an order in its natural order: best scores and newest first, companies from A to Z', () => {
    expect(readFilter(new URLSearchParams('sort=date')).order).toBe('desc');
    expect(readFilter(new URLSearchParams('sort=company')).order).toBe('asc');
  });

  it('should open the workspace only when the address says so, with the offer opened in it', () => {
    const place = { open: true, filter: { ...NO_FILTER, statuses: ['À traiter' as const] }, offerId: 'abc' };

    expect(readPlace(placeSearch(place))).toEqual(place);
    expect(placeSearch({ ...place, open: false })).toBe('');
    expect(readPlace('?status=Refusé').open).toBe(false);
  });
});
