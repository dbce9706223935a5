import { DEMO_OFFERS, formatSalary, type DemoBoard, type DemoOffer } from './catalogue';

type Sender = { address: string; name: string; subject: (count: number) => string; accent: string };

const SENDERS: Record<DemoBoard, Sender> = {
  linkedin: {
    address: 'jobalerts-noreply@linkedin.com',
    name: 'Alertes LinkedIn',
    subject: (n) => `« data engineer » : ${n} nouvelles offres à Lyon`,
    accent: '#0a66c2',
  },
  hellowork: {
    address: 'notification@emails.hellowork.com',
    name: 'HelloWork',
    subject: (n) => `${n} nouvelles offres correspondent à votre alerte`,
    accent: '#ff0066',
  },
  wttj: { address: 'alerts@welcometothejungle.com', name: 'Welcome to the Jungle', subject: (n) => `${n} jobs qui pourraient vous plaire`, accent: '#ffcd00' },
  indeed: { address: 'alert@indeed.com', name: 'Indeed', subject: (n) => `${n} nouveaux emplois de Data Engineer à Lyon (69)`, accent: '#2557a7' },
  cadremploi: { address: 'offres@alertes.cadremploi.fr', name: 'Cadremploi', subject: (n) => `Vos ${n} nouvelles offres Cadremploi`, accent: '#e2001a' },
  jtms: { address: 'jobs@makesense.org', name: 'Jobs That Make Sense', subject: (n) => `${n} jobs à impact pour vous`, accent: '#1bb07a' },
};

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const REGIONS: Record<string, string> = {
  '69': 'Auvergne-Rhône-Alpes',
  '38': 'Auvergne-Rhône-Alpes',
  '74': 'Auvergne-Rhône-Alpes',
  '01': 'Auvergne-Rhône-Alpes',
  '63': 'Auvergne-Rhône-Alpes',
};

const link = (url: string, text: string, accent: string): string =>
  `<a href="${escape(url)}" style="color:${accent};font-weight:bold;text-decoration:none">${escape(text)}</a>`;

const line = (text: string): string => `<div style="color:#555">${escape(text)}</div>`;

/** Each board's card as its real alerts lay it out, so the demo goes through the same parsers. */
const CARDS: Record<DemoBoard, (offer: DemoOffer, url: string, accent: string) => string> = {
  linkedin: (offer, url, accent) => link(url, offer.title, accent) + line(`${offer.company} · ${offer.city}, ${REGIONS[offer.department] ?? 'France'}, France`),
  hellowork: (offer, url, accent) =>
    link(url, offer.title, accent) +
    line(offer.company) +
    line(`${offer.city} - ${offer.department}`) +
    line(offer.contract) +
    (offer.salary ? line(formatSalary(offer.salary)) : ''),
  wttj: (offer, url, accent) =>
    `<div>${link(url, offer.company, '#333')}</div><div>${link(url, offer.title, accent)}</div><div>${link(url, `${offer.contract} - ${offer.city}`, '#777')}</div>`,
  indeed: (offer, url, accent) =>
    link(url, offer.title, accent) +
    line(`${offer.company} - ${offer.city} (${offer.department})`) +
    (offer.salary ? line(formatSalary(offer.salary)) : '') +
    line('il y a 2 jours'),
  cadremploi: (offer, url, accent) =>
    link(url, offer.title, accent) + line(`${offer.company} • ${offer.city} • ${offer.contract}`) + link(url, "Voir l'offre", accent),
  jtms: (offer, url, accent) =>
    link(url, offer.title, accent) +
    line(offer.company) +
    line(offer.about[0]) +
    `<div>${offer.contract} ${escape(offer.city)}, France - ${link(url, 'Voir', accent)}</div>`,
};

const card = (offer: DemoOffer, url: string, accent: string): string =>
  `<tr><td style="padding:16px;border-bottom:1px solid #eee;font-family:Arial,sans-serif">${CARDS[offer.board](offer, url, accent)}</td></tr>`;

const html = (sender: Sender, offers: { offer: DemoOffer; url: string }[]): string => `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escape(sender.name)}</title></head>
<body style="margin:0;background:#f4f4f4">
<table width="600" align="center" cellpadding="0" cellspacing="0" style="background:#fff">
<tr><td style="background:${sender.accent};color:#fff;padding:20px;font:bold 20px Arial,sans-serif">${escape(sender.name)}</td></tr>
<tr><td style="padding:16px;font:14px Arial,sans-serif">Bonjour, voici les dernières offres qui correspondent à votre alerte.</td></tr>
${offers.map(({ offer, url }) => card(offer, url, sender.accent)).join('\n')}
<tr><td style="padding:16px;color:#999;font:11px Arial,sans-serif">Vous recevez cet email car vous avez créé une alerte. <a href="https://example.org/desabonnement">Se désabonner</a></td></tr>
</table></body></html>`;

const text = (offers: { offer: DemoOffer; url: string }[]): string =>
  [
    'Bonjour, voici les dernières offres qui correspondent à votre alerte.',
    '',
    ...offers.flatMap(({ offer, url }) => [offer.title, offer.company, `${offer.city} (${offer.department})`, formatSalary(offer.salary), url, '']),
  ].join('\n');

const base64 = (content: string): string =>
  (
    Buffer.from(content, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

const encodedWord = (content: string): string => `=?UTF-8?B?${Buffer.from(content, 'utf8').toString('base64')}?=`;

/** A complete RFC 822 message, multipart/alternative with a text and an HTML part. */
export function mimeMessage(from: { name: string; address: string }, subject: string, date: Date, parts: { text: string; html: string }): string {
  const boundary = `veille-${date.getTime().toString(36)}`;
  return [
    `From: ${encodedWord(from.name)} <${from.address}>`,
    'To: <vous@example.org>',
    `Subject: ${encodedWord(subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${boundary}@demo.veille>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64(parts.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64(parts.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export type DemoEmail = { fileName: string; content: string };

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_unused, index) => items.slice(index * size, index * size + size));

/** The demo mailbox: the catalogue's offers as alerts of their boards (5 at most per email), plus a newsletter with no parser. */
export function demoEmails(origin: string, sentAt: Date): DemoEmail[] {
  const emails: DemoEmail[] = [];
  const boards = Object.keys(SENDERS) as DemoBoard[];
  for (const board of boards) {
    const sender = SENDERS[board];
    const offers = DEMO_OFFERS.filter((offer) => offer.board === board).map((offer) => ({ offer, url: `${origin}/demo/offres/${offer.slug}` }));
    chunk(offers, 5).forEach((group, index) => {
      const date = new Date(sentAt.getTime() - (emails.length + 1) * 3_600_000);
      emails.push({
        fileName: `${date.toISOString().slice(0, 10)}-${board}-${index + 1}.eml`,
        content: mimeMessage(sender, sender.subject(group.length), date, { text: text(group), html: html(sender, group) }),
      });
    });
  }
  const newsletter = 'Les tendances du recrutement data en 2026, nos conseils pour votre CV et les salons du mois.';
  emails.push({
    fileName: `${sentAt.toISOString().slice(0, 10)}-newsletter.eml`,
    content: mimeMessage({ name: 'La Lettre Emploi', address: 'newsletter@lettre-emploi.example' }, 'La lettre emploi de novembre', sentAt, {
      text: newsletter,
      html: `<p>${newsletter}</p>`,
    }),
  });
  return emails;
}
