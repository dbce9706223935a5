import type { DigestOffer } from '@veille/domain';
import { digestMessage } from './digestMessage';

const offer = (overrides: Partial<DigestOffer>): DigestOffer => ({
  id: 'rec1',
  title: 'Data engineer',
  company: 'Acme',
  city: 'Lyon',
  salary: '45 – 55 k€',
  url: 'https://www.hellowork.com/fr-fr/emplois/1.html',
  summary: 'Poste data, Python et Spark.',
  score: 15.5,
  ...overrides,
});

describe('Email digest', () => {
  it('should say the count and the threshold in its subject, and each offer with its place, salary, score and summary', () => {
    const message = digestMessage([offer({}), offer({ id: 'rec2', title: 'Analyste', score: 14 })], 14);

    expect(message.subject).toBe('Veille : 2 nouvelles offres ≥ 14/20');
    expect(message.text).toContain(
      '1. Data engineer — 15,5/20\n   Acme · Lyon · 45 – 55 k€\n   Poste data, Python et Spark.\n   https://www.hellowork.com/fr-fr/emplois/1.html',
    );
    expect(message.text.indexOf('Data engineer')).toBeLessThan(message.text.indexOf('Analyste'));
    expect(message.html).toContain('<a href="https://www.hellowork.com/fr-fr/emplois/1.html"');
  });

  it('should never make a link of what is not a web page, and write it nowhere', () => {
    const message = digestMessage([offer({ url: 'javascript:alert(1)' }), offer({ id: 'rec2', url: 'data:text/html,<script>x</script>' })], 14);

    expect(message.html).not.toContain('href=');
    expect(message.html).not.toContain('javascript:');
    expect(message.text).not.toContain('javascript:');
    expect(message.text).not.toContain('data:text');
  });

  it('should keep a title spread over lines on one line, and name an untitled offer', () => {
    const message = digestMessage([offer({ title: 'Data\r\nBcc: autre@example.org' }), offer({ id: 'rec2', title: '  ' })], 14);

    expect(message.text).toContain('1. Data Bcc: autre@example.org — 15,5/20');
    expect(message.text).toContain('2. Offre sans titre — 15,5/20');
    expect(message.subject).not.toContain('Bcc');
  });
});
