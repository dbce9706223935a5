import type { AlertEmail } from '@veille/domain';
import type { AnyNode } from 'domhandler';
import { linesOf, readCards, type CardReader, type LinkReader } from './cards';
import { linkedInParser } from './linkedin';

const anAlert = (html: string): AlertEmail => ({ sender: 'jobalerts-noreply@linkedin.com', subject: 'Alerte', html, text: '' });

const card = (href: string, title: string): string => `<table><tr><td><a href="${href}">${title}</a></td></tr><tr><td>Acme · Lyon</td></tr></table>`;

/** A board's reader that takes any link for a job, as a careless one would. */
const anyLink: LinkReader = (href) => ({ key: href, url: href });
const titled: CardReader = ({ title }) => ({ title, company: 'Acme', city: 'Lyon', department: '', salary: '' });

const WEB = ['https://www.example.com/emplois/1', 'http://jobs.example.org/offre?id=2'];
const HOSTILE = [
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
  'JavaScript:void(0)',
];

describe('Job links by scheme', () => {
  it('should make offers of http and https links', () => {
    const offers = readCards(anAlert(WEB.map((href, index) => card(href, `Poste ${index}`)).join('')), anyLink, titled);

    expect(offers.map((offer) => offer.url)).toEqual(WEB);
  });

  it.each(HOSTILE)('should make no offer of %s, whatever the board reader says', (href) => {
    const offers = readCards(anAlert(card(href.replace(/"/g, '&quot;'), 'Poste piégé') + card(WEB[0], 'Vrai poste')), anyLink, titled);

    expect(offers.map((offer) => offer.url)).toEqual([WEB[0]]);
  });

  it("should make no offer of a javascript: link, even one naming a board's job", () => {
    const trap = "javascript:location='https://www.linkedin.com/jobs/view/4012345678/'";
    const genuine = 'https://www.linkedin.com/comm/jobs/view/4012345679/?trackingId=abc';
    const html = [trap, genuine].map((href) => `<div><a href="${href}">Data Engineer</a><p>Acme · Lyon, France</p></div>`).join('');

    const offers = linkedInParser.parse(anAlert(html));

    expect(offers.map((offer) => offer.url)).toEqual(['https://www.linkedin.com/jobs/view/4012345679/']);
  });
});

describe('Card text without recursion', () => {
  it('should read the lines at the end of a 200,000-deep tree', () => {
    let node: object = { type: 'tag', name: 'span', children: [{ type: 'text', data: 'Data Engineer' }] };
    for (let level = 1; level < 200_000; level += 1) node = { type: 'tag', name: level % 2 ? 'div' : 'span', children: [node] };

    expect(linesOf(node as unknown as AnyNode)).toEqual(['Data Engineer']);
  });
});
