/** Inputs an attacker, or a broken mailer, could send: built in the tests, never committed. */

export const LINKEDIN_ALERTS = 'jobalerts-noreply@linkedin.com';

/** An email whose only part is HTML sent as is (8 bit), as many mailers do. */
export function htmlEmail(html: string, options: { sender?: string; subject?: string; charset?: string } = {}): Buffer {
  const head = [
    `From: LinkedIn <${options.sender ?? LINKEDIN_ALERTS}>`,
    `Subject: ${options.subject ?? 'Nouvelles offres'}`,
    'MIME-Version: 1.0',
    `Content-Type: text/html; charset=${options.charset ?? 'utf-8'}`,
    'Content-Transfer-Encoding: 8bit',
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${html}`);
}

/** `depth` nested divs around `inner`: 180,000 of them make an email under the 2 MB cap. */
export function nestedDivs(depth: number, inner = ''): string {
  return `${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;
}

/** A LinkedIn job card as the parser reads it. */
export function linkedInCard(id: number, title = `Data Engineer ${id}`): string {
  return `<table><tr><td><a href="https://www.linkedin.com/comm/jobs/view/${id}/">${title}</a></td></tr><tr><td>Acme · Lyon, France</td></tr></table>`;
}

/** A page nested `depth` divs deep around an offer's text. */
export function nestedPage(depth: number): string {
  return `<!DOCTYPE html><html><body>${nestedDivs(depth, '<p>Une offre enfouie.</p>')}</body></html>`;
}
