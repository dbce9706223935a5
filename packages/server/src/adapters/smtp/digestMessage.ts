import { digestHeadline, type DigestOffer } from '@veille/domain';
import type { MailMessage } from './mailer';

const WEB_SCHEMES = new Set(['http:', 'https:']);

/** An offer's link when it leads to a web page: a `javascript:` or `data:` link is never written as one. */
function webLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return WEB_SCHEMES.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Every character HTML gives a meaning to, in text and in attributes: an offer's fields come from the outside. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One line of text: a title spread over lines would break the plain text's layout. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const score = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const scoreOf = (offer: DigestOffer): string => `${score.format(offer.score)}/20`;
const titleOf = (offer: DigestOffer): string => oneLine(offer.title) || 'Offre sans titre';
const placeOf = (offer: DigestOffer): string => [offer.company, offer.city, offer.salary].map(oneLine).filter(Boolean).join(' · ');

const FOOTER = 'Envoyé par Veille à la fin d’un traitement. Le seuil et l’envoi se règlent dans Paramètres › Résumé.';

function textPart(offers: readonly DigestOffer[], headline: string): string {
  const blocks = offers.map((offer, index) => {
    const link = webLink(offer.url);
    return [`${index + 1}. ${titleOf(offer)} — ${scoreOf(offer)}`, placeOf(offer), oneLine(offer.summary), link ?? '']
      .filter(Boolean)
      .map((line, at) => (at === 0 ? line : `   ${line}`))
      .join('\n');
  });
  return `${headline}, la meilleure d’abord.\n\n${blocks.join('\n\n')}\n\n-- \n${FOOTER}\n`;
}

function htmlPart(offers: readonly DigestOffer[], headline: string): string {
  const items = offers.map((offer) => {
    const link = webLink(offer.url);
    const title = escapeHtml(titleOf(offer));
    const heading = link ? `<a href="${escapeHtml(link)}" style="color:#1d4ed8">${title}</a>` : title;
    const place = placeOf(offer);
    return [
      '<li style="margin:0 0 16px">',
      `<strong style="font-size:16px">${heading}</strong> <span style="white-space:nowrap;font-weight:bold;color:#166534">${scoreOf(offer)}</span>`,
      place ? `<br><span style="color:#475569">${escapeHtml(place)}</span>` : '',
      offer.summary ? `<br><span>${escapeHtml(oneLine(offer.summary))}</span>` : '',
      '</li>',
    ].join('');
  });
  return [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>',
    escapeHtml(headline),
    '</title></head><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:640px">',
    `<h1 style="font-size:20px">${escapeHtml(headline)}</h1>`,
    `<ol style="padding-left:20px">${items.join('')}</ol>`,
    `<p style="color:#64748b;font-size:13px">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
  ].join('');
}

/** The email digest, in French, in plain text and in HTML: the offers ranked as given (best first). */
export function digestMessage(offers: readonly DigestOffer[], minScore: number): MailMessage {
  const headline = digestHeadline(offers.length, minScore);
  return { subject: `Veille : ${headline}`, text: textPart(offers, headline), html: htmlPart(offers, headline) };
}

/** « Tester »'s message: proof the server takes mail for this address. */
export function testMessage(): MailMessage {
  const text = 'Ceci est un test de Veille : le résumé des nouvelles offres arrivera à cette adresse.';
  return {
    subject: 'Veille : test du résumé par email',
    text: `${text}\n`,
    html: `<!doctype html><html lang="fr"><body><p>${escapeHtml(text)}</p></body></html>`,
  };
}
