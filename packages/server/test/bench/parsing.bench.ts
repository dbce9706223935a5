import type { AlertEmail } from '@veille/domain';
import { decodeAlert } from '../../src/mail/decode';
import { detectBoard, parserFor } from '../../src/parsers/registry';
import { createParsePool } from '../../src/parsing/pool';
import { fixtureEmails, fixturesAvailable } from '../fixtures';
import { report } from './measure';

const ROUNDS = 10;

const perSecond = async (count: number, work: () => Promise<void> | void): Promise<number> => {
  const started = process.hrtime.bigint();
  await work();
  return Math.round(count / (Number(process.hrtime.bigint() - started) / 1e9));
};

/** The real alerts through the board parsers, alone, with MIME decoding (mailparser), and on a worker thread as phase 1 does. */
export async function benchParsing(): Promise<void> {
  if (!fixturesAvailable()) return;
  const fixtures = fixtureEmails();
  const emails: AlertEmail[] = [];
  for (const fixture of fixtures) emails.push(await decodeAlert(fixture.raw));
  const parse = (email: AlertEmail): number => parserFor(detectBoard(email.sender))?.parse(email).length ?? 0;
  const offers = emails.reduce((sum, email) => sum + parse(email), 0);

  const parsing = await perSecond(emails.length * ROUNDS, () => {
    for (let round = 0; round < ROUNDS; round += 1) emails.forEach(parse);
  });
  const endToEnd = await perSecond(fixtures.length * ROUNDS, async () => {
    for (let round = 0; round < ROUNDS; round += 1) for (const fixture of fixtures) parse(await decodeAlert(fixture.raw));
  });

  // Only boards with a parser: the pool turns the others away before decoding them.
  const known = fixtures.flatMap((fixture, index) => {
    const parser = parserFor(detectBoard(emails[index].sender));
    return parser ? [{ raw: fixture.raw, parser }] : [];
  });
  const inThread = await perSecond(known.length * ROUNDS, async () => {
    for (let round = 0; round < ROUNDS; round += 1) for (const { raw, parser } of known) parser.parse(await decodeAlert(raw));
  });
  const pool = createParsePool();
  // A fresh worker's copy of the code is cold: warm it up as the in-thread figures above were.
  for (let round = 0; round < 3; round += 1) for (const { raw, parser } of known) await pool.readOffers(parser.board, raw);
  const pooled = await perSecond(known.length * ROUNDS, async () => {
    for (let round = 0; round < ROUNDS; round += 1) for (const { raw, parser } of known) await pool.readOffers(parser.board, raw);
  });
  await pool.close();

  report(`parsing the ${fixtures.length} real alerts (${offers} offers)`, `${parsing} emails/s`, '≥ 200 emails/s');
  report('the same, MIME decoding (mailparser) included', `${endToEnd} emails/s`, '≥ 200 emails/s');
  report(`the ${known.length} of known boards, through the parse worker pool`, `${pooled} emails/s`, '≥ 200 emails/s');
  report('… and the same in this thread, for comparison', `${inThread} emails/s`, 'pool overhead');
}
