import { aSource, on, onProjection } from '../test/given';
import { decideActivation } from './activation';
import { event } from './events';
import { NotFoundError, UnprocessableError } from './refusals';

const li = 'jobalerts-noreply@linkedin.com';
const activation = onProjection(decideActivation);
const loaded = event('TableLoaded', { sources: [aSource(li, { board: 'LinkedIn', available: { ...on, import: false } })], offers: [] });

describe('Activation decisions', () => {
  describe('Given a known source', () => {
    it('should turn a phase off', () => {
      activation
        .given(loaded)
        .when({ sender: li, phase: 'enrich', enabled: false })
        .then([event('SourceActivationChanged', { sender: li, phase: 'enrich', enabled: false })]);
    });

    it('should refuse to turn on a phase the product cannot do for its board', () => {
      activation
        .given(loaded)
        .when({ sender: li, phase: 'import', enabled: true })
        .thenThrows(UnprocessableError, { message: "Cette étape n'est pas disponible pour LinkedIn." });
    });

    it('should let that phase be turned off', () => {
      activation
        .given(loaded)
        .when({ sender: li, phase: 'import', enabled: false })
        .then([event('SourceActivationChanged', { sender: li, phase: 'import', enabled: false })]);
    });
  });

  it('should refuse an unknown source', () => {
    activation
      .given(loaded)
      .when({ sender: 'nobody@example.org', phase: 'enrich', enabled: true })
      .thenThrows(NotFoundError, { message: 'Source inconnue : nobody@example.org' });
  });
});
