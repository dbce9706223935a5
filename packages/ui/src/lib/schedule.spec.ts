import { choiceOf, formatWhen, modeOf, nextRunText } from './schedule';

const PARIS = 'Europe/Paris';
const now = new Date('2026-12-02T10:00:00Z');

describe('The automatic runs control', () => {
  it('should show a mode as a choice, and save a choice as a mode', () => {
    expect(choiceOf('off')).toEqual({ kind: 'off', time: '07:30' });
    expect(choiceOf('mail')).toEqual({ kind: 'mail', time: '07:30' });
    expect(choiceOf('daily@06:05')).toEqual({ kind: 'daily', time: '06:05' });
    expect(modeOf({ kind: 'daily', time: '18:45' })).toBe('daily@18:45');
    expect(modeOf({ kind: 'mail', time: '18:45' })).toBe('mail');
  });

  it('should keep the default time when the time input is cleared or mistyped', () => {
    expect(modeOf({ kind: 'daily', time: '' })).toBe('daily@07:30');
    expect(modeOf({ kind: 'daily', time: '7:5' })).toBe('daily@07:30');
  });

  it('should say when the next run is, in French, in the schedule’s zone', () => {
    expect(formatWhen('2026-12-02T17:30:00Z', now, PARIS)).toBe('aujourd’hui à 18:30');
    expect(formatWhen('2026-12-03T06:30:00Z', now, PARIS)).toBe('demain à 07:30');
    expect(formatWhen('2026-12-05T06:30:00Z', now, PARIS)).toBe('samedi 5 décembre à 07:30');
    expect(formatWhen('2026-12-03T06:30:00Z', now, 'America/New_York')).toBe('demain à 01:30');
  });

  it('should tell each mode its line', () => {
    expect(nextRunText({ mode: 'off', next: null }, now, PARIS)).toContain('Aucun traitement automatique');
    expect(nextRunText({ mode: 'daily@07:30', next: '2026-12-03T06:30:00Z' }, now, PARIS)).toBe('Prochain traitement : demain à 07:30.');
    expect(nextRunText({ mode: 'mail', next: null }, now, PARIS)).toContain('dès qu’une alerte arrive');
    expect(nextRunText({ mode: 'mail', next: '2026-12-02T10:00:30Z' }, now, PARIS)).toBe('Prochain traitement : aujourd’hui à 11:00.');
  });
});
