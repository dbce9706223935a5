import { aSource, onProjection } from '../test/given';
import { decideAudit } from './audit';
import { event } from './events';

const hw = 'notification@emails.hellowork.com';
const wttj = 'alerts@welcometothejungle.com';
const audit = onProjection(decideAudit);
const sourceOf = (sender: string) => aSource(sender, { board: 'Welcome to the Jungle' });

describe('Audit decisions', () => {
  describe('Given a known source', () => {
    it('should count the emails waiting per sender, add a sender seen for the first time, and list what the mailbox refuses', () => {
      const listed = [
        { id: 'a.eml', sender: hw, subject: 'A' },
        { id: 'b.eml', sender: hw, subject: 'B' },
        { id: 'c.eml', sender: wttj, subject: 'C' },
        { id: 'lien.eml', sender: '', subject: '', refused: 'Lien hors du dossier' },
      ];

      audit
        .given(event('TableLoaded', { sources: [aSource(hw)], offers: [] }))
        .when({ listed, sourceOf })
        .then({
          sources: [sourceOf(wttj)],
          events: [
            event('SourceAdded', { source: sourceOf(wttj) }),
            event('MailboxAudited', { bySender: { [hw]: 2, [wttj]: 1 }, refused: [{ id: 'lien.eml', reason: 'Lien hors du dossier' }] }),
          ],
          importable: listed.slice(0, 3),
        });
    });

    it('should never make a source of an unreadable sender', () => {
      const listed = [{ id: 'x.eml', sender: '', subject: 'Sans expéditeur' }];

      audit
        .given(event('TableLoaded', { sources: [aSource(hw)], offers: [] }))
        .when({ listed, sourceOf })
        .then({ sources: [], events: [event('MailboxAudited', { bySender: { '': 1 }, refused: [] })], importable: listed });
    });
  });
});
