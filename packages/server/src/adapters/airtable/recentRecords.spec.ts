import { recentRecords } from './recentRecords';

const record = (id: string, text: string) => ({ id, fields: { Texte: text, Statut: 'À analyser' } });

describe('The records an Airtable store just wrote or read', () => {
  it('should give back a record as last answered, the newest answer replacing the older', () => {
    const recent = recentRecords();
    recent.remember(record('rec1', 'avant'));
    recent.remember(record('rec1', 'après'));

    expect(recent.get('rec1')).toEqual({ Texte: 'après', Statut: 'À analyser' });
    expect(recent.get('rec2')).toBeUndefined();
  });

  it('should let the oldest go once the texts pass the limit, and keep the newest', () => {
    // Each record holds 40 characters (its text and its status): three fit, four do not.
    const recent = recentRecords(130);
    for (const id of ['rec1', 'rec2', 'rec3']) recent.remember(record(id, 'x'.repeat(30)));

    recent.remember(record('rec4', 'x'.repeat(30)));

    expect(['rec1', 'rec2', 'rec3', 'rec4'].map((id) => recent.get(id) !== undefined)).toEqual([false, true, true, true]);
  });

  it('should count a record answered again once, at its new size', () => {
    const recent = recentRecords(100);
    recent.remember(record('rec1', 'x'.repeat(60)));
    recent.remember(record('rec1', 'x'.repeat(10)));

    recent.remember(record('rec2', 'x'.repeat(60)));

    expect([recent.get('rec1'), recent.get('rec2')].map(Boolean)).toEqual([true, true]);
  });

  it('should forget a record changed elsewhere, and everything at a new load', () => {
    const recent = recentRecords();
    recent.remember(record('rec1', 'a'));
    recent.remember(record('rec2', 'b'));

    recent.forget('rec1');
    expect(recent.get('rec1')).toBeUndefined();
    recent.clear();
    expect(recent.get('rec2')).toBeUndefined();
  });
});
