import type { AlertEmail } from '@veille/domain';
import { decodeAlert } from '../mail/decode';
import { detectBoard, parserFor } from '../parsers/registry';
import { fixtureEmails, fixturesAvailable } from '../testing/fixtures';
import { report } from './measure';

const ROUNDS = 10;

const perSecond = async (count: number, work: () => Promise<void>): Promise<number> => {
  const started = process.hrtime.bigint();
  await work();
  return Math.round(count / (Number(process.hrtime.bigint() - started) / 1e9));
};

/** The real alerts through the board parsers, alone and with MIME decoding (mailparser) as phase 1 does. */
export const benchParsing = async (): Promise<void> => {
  if (!fixturesAvailable()) return;
  const fixtures = fixtureEmails();
  const emails: AlertEmail[] = [];
  for (const fixture of fixtures) emails.push(await decodeAlert(fixture.raw));
  const parse = (email: AlertEmail): number => parserFor(detectBoard(email.sender))?.parse(email).length ?? 0;
  const offers = emails.reduce((sum, email) => sum + parse(email), 0);

  const parsing = await perSecond(emails.length * ROUNDS, async () => {
    for (let round = 0; round < ROUNDS; round += 1) emails.forEach(parse);
  });
  const endToEnd = await perSecond(fixtures.length * ROUNDS, async () => {
    for (let round = 0; round < ROUNDS; round += 1) for (const fixture of fixtures) parse(await decodeAlert(fixture.raw));
  });

  report(`parsing the ${fixtures.length} real alerts (${offers} offers)`, `${parsing} emails/s`, '≥ 200 emails/s');
  report('the same, MIME decoding (mailparser) included', `${endToEnd} emails/s`, '≥ 200 emails/s');
};
