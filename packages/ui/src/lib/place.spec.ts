import { NO_FILTER } from './filter';
import { placeSearch, readPlace } from './place';

describe('Paramètres in the URL', () => {
  it('should read back the section it wrote, so a reload stays there', () => {
    const place = { open: false, filter: NO_FILTER, offerId: '', settings: 'analyse' as const };

    expect(placeSearch(place)).toBe('?vue=parametres&section=analyse');
    expect(readPlace(placeSearch(place))).toEqual(place);
  });

  it('should open on the mailbox when the section is missing or unknown', () => {
    expect(readPlace('?vue=parametres').settings).toBe('boite-mail');
    expect(readPlace('?vue=parametres&section=reseau').settings).toBe('boite-mail');
  });

  it('should not show Paramètres for the dashboard or the workspace', () => {
    expect(readPlace('').settings).toBeUndefined();
    expect(readPlace('?vue=offres').settings).toBeUndefined();
    expect(placeSearch({ open: true, filter: NO_FILTER, offerId: '', settings: undefined })).toBe('?vue=offres');
  });
});
