import { benchAirtable } from './airtable.bench';
import { benchBatch } from './batch.bench';
import { benchDuplicates } from './duplicates.bench';
import { benchHostile } from './hostile.bench';
import { benchImapAudit } from './imap.bench';
import { benchOffersWorkspace } from './offers.bench';
import { benchParsing } from './parsing.bench';
import { benchPhases } from './phases.bench';
import { benchProjection } from './projection.bench';
import { benchRefresh } from './refresh.bench';
import { benchSse } from './sse.bench';
import { benchStartup } from './startup.bench';

/** `pnpm bench`: speed and memory figures, printed against their targets (never asserted in tests). */
const main = async (): Promise<void> => {
  process.stdout.write('Veille benchmarks\n\n');
  benchProjection();
  await benchSse();
  await benchParsing();
  await benchHostile();
  await benchImapAudit();
  await benchPhases();
  await benchBatch();
  await benchDuplicates();
  await benchAirtable();
  await benchRefresh();
  await benchStartup();
  await benchOffersWorkspace();
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
