import { aSource, anOffer, now, onProjection } from '../test/given';
import { event, type RunStarted } from './events';
import { ConflictError } from './refusals';
import { decideRunHalt, decideRunStart, decideRunStop } from './run';

const hw = 'notification@emails.hellowork.com';
const waiting = event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'A compléter')] });
const started = event<RunStarted>('RunStarted', { at: now, trigger: 'button' });

describe('Run decisions', () => {
  describe('When a person starts a run', () => {
    const start = onProjection(decideRunStart);

    it('should start it while anything waits', () => {
      start.given(waiting).when({ at: now, trigger: 'button' }).then([started]);
    });

    it('should say how it was asked for', () => {
      start
        .given(waiting)
        .when({ at: now, trigger: 'cli' })
        .then([event<RunStarted>('RunStarted', { at: now, trigger: 'cli' })]);
    });

    it('should do nothing when nothing waits', () => {
      start
        .given(event('TableLoaded', { sources: [aSource(hw)], offers: [anOffer(hw, 'À traiter')] }))
        .when({ at: now, trigger: 'button' })
        .then([]);
    });

    it('should refuse while a run is active', () => {
      start.given(waiting, started).when({ at: now, trigger: 'cli' }).thenThrows(ConflictError, { message: 'Un traitement est déjà en cours.' });
    });
  });

  describe('When a person stops the run', () => {
    const stop = onProjection(decideRunStop);

    it('should ask the phases to finish what they hold', () => {
      stop
        .given(waiting, started)
        .when({ at: now })
        .then([event('RunStopRequested', { at: now })]);
    });

    it('should change nothing when asked twice', () => {
      stop
        .given(waiting, started, event('RunStopRequested', { at: now }))
        .when({ at: now })
        .then([]);
    });

    it('should refuse when no run is active', () => {
      stop.given(waiting).when({ at: now }).thenThrows(ConflictError, { message: 'Aucun traitement en cours.' });
    });
  });

  describe('When a write the run needs fails', () => {
    const halt = onProjection(decideRunHalt);
    const full = { at: now, reason: 'Disque plein : …' };

    it('should stop the run and say why', () => {
      halt
        .given(waiting, started)
        .when(full)
        .then([event('RunHalted', full)]);
    });

    it('should keep the first reason: the failures after it are its consequences', () => {
      halt.given(waiting, started, event('RunHalted', full)).when({ at: now, reason: 'Lecture seule' }).then([]);
    });

    it('should have nothing to stop outside a run', () => {
      halt.given(waiting).when(full).then([]);
    });
  });
});
