import { keptOfferText, seenAlsoOnText } from './sameJob';

describe('The same job seen elsewhere, as the page says it', () => {
  it('should list the other boards in French', () => {
    expect(seenAlsoOnText([])).toBe('');
    expect(seenAlsoOnText(['Indeed'])).toBe('aussi vue sur Indeed');
    expect(seenAlsoOnText(['Indeed', 'LinkedIn'])).toBe('aussi vue sur Indeed et LinkedIn');
    expect(seenAlsoOnText(['Indeed', 'LinkedIn', 'HelloWork'])).toBe('aussi vue sur Indeed, LinkedIn et HelloWork');
  });

  it('should name the offer kept by its title, company and board', () => {
    expect(keptOfferText({ id: 'rec1', title: 'Data engineer', company: 'Acme', board: 'HelloWork' })).toBe('Data engineer — Acme (HelloWork)');
    expect(keptOfferText({ id: 'rec1', title: '', company: '', board: 'Indeed' })).toBe('Offre sans titre (Indeed)');
  });
});
