import { anOffer, onCommand } from '../../test/given';
import { event } from '../events';
import type { ParsedOffer } from '../ports';
import { NoOfferFoundError } from './errors';
import { decideEmailArchived, decideImport, decideOffersCreated } from './import';

const hw = 'notification@emails.hellowork.com';
const email = { id: 'alerte.eml', sender: hw, subject: '3 nouvelles offres' };
const parsed: ParsedOffer = {
  key: 'hellowork:1',
  url: 'https://www.hellowork.com/fr-fr/emplois/1.html',
  title: 'Data engineer',
  company: 'Acme',
  city: 'Lyon',
  department: '69',
  salary: '',
  offerDate: '',
};

describe('Import decisions', () => {
  describe('When an alert email is read', () => {
    it('should have the store save each of its offers, from its sender', () => {
      onCommand(decideImport)
        .when({ email, board: 'HelloWork', offers: [parsed] })
        .then([{ ...parsed, source: hw }]);
    });

    it('should refuse an email without any offer, which stays in the mailbox', () => {
      onCommand(decideImport)
        .when({ email, board: 'HelloWork', offers: [] })
        .thenThrows(NoOfferFoundError, { message: "Aucune offre trouvée dans l'email « 3 nouvelles offres » (HelloWork)" });
    });
  });

  describe('When the store created the offers', () => {
    it('should add each one to the table, in the status the store gave it', () => {
      const offer = anOffer(hw, 'A compléter', { id: 'rec1', url: parsed.url });

      onCommand(decideOffersCreated)
        .when({ created: [offer] })
        .then([event('OfferCreated', { offer })]);
    });

    it('should add nothing for an email imported before (the store created no offer)', () => {
      onCommand(decideOffersCreated).when({ created: [] }).then([]);
    });
  });

  describe('When the email is archived', () => {
    it('should count one email fewer to import for its sender', () => {
      onCommand(decideEmailArchived)
        .when({ email, created: 3 })
        .then([event('EmailArchived', { sender: hw, emailId: 'alerte.eml', offers: 3 })]);
    });
  });
});
