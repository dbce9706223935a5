import { BOARDS } from '@veille/domain';
import { describeRealAlerts, realAlerts, UNKNOWN_FOLDERS } from '../../test/realAlerts';
import { detectBoard, hasParser, parserFor, PARSERS } from './registry';

describe('Detecting the board of an alert', () => {
  it.each([
    ['jobalerts-noreply@linkedin.com', 'LinkedIn'],
    ['jobs-noreply@linkedin.com', 'LinkedIn'],
    ['jobs-listings@linkedin.com', 'LinkedIn'],
    ['notification@emails.hellowork.com', 'HelloWork'],
    ['alerts@welcometothejungle.com', 'Welcome to the Jungle'],
    ['jobs@makesense.org', 'Jobs That Make Sense'],
    ['offres@alertes.cadremploi.fr', 'Cadremploi'],
    ['alert@indeed.com', 'Indeed'],
    ['donotreply@match.indeed.com', 'Indeed'],
    ['noreply@glassdoor.com', 'Glassdoor'],
    ['monster@notifications.monster.com', 'Monster'],
    ['nepasrepondre@offre.francetravail.fr', 'France Travail'],
    ['hello@trueup.io', 'Inconnu'],
    ['messages-noreply@linkedin.com', 'Inconnu'],
    ['', 'Inconnu'],
  ])('should tell %s is %s from the sender', (sender, board) => {
    expect(detectBoard(sender)).toBe(board);
  });

  it('should fall back on the job links of an alert forwarded from a personal address', () => {
    const tracked = `https://emails.hellowork.com/clic/1/${Buffer.from('https://www.hellowork.com/fr-fr/emplois/1234.html').toString('base64url')}`;

    expect(detectBoard('moi@example.org', '<a href="https://www.linkedin.com/comm/jobs/view/4012345678/?trk=eml">Data</a>')).toBe('LinkedIn');
    expect(detectBoard('moi@example.org', `<a href="${tracked}">Data</a>`)).toBe('HelloWork');
    expect(detectBoard('moi@example.org', '<a href="https://www.indeed.com/rc/clk?jk=ab12&amp;from=x">Data</a>')).toBe('Indeed');
  });

  it("should keep a newsletter that only links to a board's home page unknown", () => {
    expect(detectBoard('lettre@example.org', '<a href="https://www.linkedin.com/company/veille">Suivez-nous</a>')).toBe('Inconnu');
  });

  it('should have a parser for every board of alerts, and none for Inconnu or the offers added by hand', () => {
    expect(BOARDS.filter(hasParser)).toEqual(BOARDS.filter((board) => board !== 'Inconnu' && board !== 'Ajout manuel'));
    expect(parserFor('Inconnu')).toBeUndefined();
    expect(parserFor('Ajout manuel')).toBeUndefined();
    expect(PARSERS.map((parser) => parser.board)).toHaveLength(new Set(PARSERS.map((parser) => parser.board)).size);
  });
});

describeRealAlerts('Board detection on real alerts', () => {
  it.each(UNKNOWN_FOLDERS)('should leave the %s alerts to no parser, links included', async (folder) => {
    const alerts = [...(await realAlerts(folder)).values()];

    expect(alerts.length).toBeGreaterThan(0);
    for (const email of alerts) expect(detectBoard(email.sender, email.html)).toBe('Inconnu');
  });

  it('should find the board of a real alert from its links alone', async () => {
    const [email] = (await realAlerts('hellowork')).values();

    expect(detectBoard('moi@example.org', email.html)).toBe('HelloWork');
  });
});
