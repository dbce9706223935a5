import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mountSmallDisk, smallDiskAvailable, type SmallDisk } from '../../../test/smallDisk';
import { openUsageLog } from '.';

/** The calls written to the file for one API on one day. */
const callsOnDisk = (file: string, day: string, api: string): number =>
  (JSON.parse(readFileSync(file, 'utf8')) as { days: Record<string, Record<string, { calls: number }>> }).days[day][api].calls;

const describeWithSmallDisk = smallDiskAvailable() ? describe : describe.skip;

describe('Usage log', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'veille-usage-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("should keep today's calls across a restart", async () => {
    const file = path.join(dir, 'usage.json');
    const log = openUsageLog(file);
    for (let index = 0; index < 50; index += 1) log.record({ api: 'Pages web', kind: 'GET', calls: 1, day: '2026-11-24' });
    await log.flush();

    expect(openUsageLog(file).today('2026-11-24')['Pages web']).toMatchObject({ calls: 50, byKind: { GET: 50 } });
    expect(openUsageLog(file).today('2026-11-25')).toEqual({});
  });

  describeWithSmallDisk('Given a disk that is full', () => {
    let disk: SmallDisk;
    let file: string;
    beforeEach(() => {
      disk = mountSmallDisk(1);
      file = path.join(disk.dir, 'usage.json');
    });
    afterEach(() => disk.unmount());

    it('should say so at each failed write, keep the counts in memory, and write them all once space is back', async () => {
      const failures: unknown[] = [];
      const log = openUsageLog(file, { onWriteError: (error) => failures.push(error) });
      log.record({ api: 'Pages web', kind: 'GET', calls: 1, day: '2026-11-24' });
      await log.flush();
      disk.fill();

      log.record({ api: 'Pages web', kind: 'GET', calls: 2, day: '2026-11-24' });
      await log.flush();
      log.record({ api: 'Pages web', kind: 'GET', calls: 3, day: '2026-11-24' });
      await log.flush();

      expect(failures).toEqual([expect.objectContaining({ code: 'ENOSPC' }), expect.objectContaining({ code: 'ENOSPC' })]);
      expect(log.today('2026-11-24')['Pages web'].calls).toBe(6);
      expect(callsOnDisk(file, '2026-11-24', 'Pages web')).toBe(1);

      disk.free();
      log.record({ api: 'Pages web', kind: 'GET', calls: 4, day: '2026-11-24' });
      await log.flush();

      expect(callsOnDisk(file, '2026-11-24', 'Pages web')).toBe(10);
      expect(readdirSync(disk.dir)).toEqual(['usage.json']);
    });

    it('should never leave a failed write as an unhandled rejection, even with no flush', async () => {
      disk.fill();

      const failure = await new Promise((resolve) => {
        openUsageLog(file, { onWriteError: resolve }).record({ api: 'Pages web', kind: 'GET', calls: 1, day: '2026-11-24' });
      });

      expect(failure).toMatchObject({ code: 'ENOSPC' });
    });

    it('should write what failed at the next write even when nothing new was recorded', async () => {
      disk.fill();
      const log = openUsageLog(file, { onWriteError: () => undefined });
      log.record({ api: 'Claude', kind: 'messages', calls: 1, day: '2026-11-24' });
      await log.flush();
      disk.free();

      await log.flush();

      expect(callsOnDisk(file, '2026-11-24', 'Claude')).toBe(1);
    });
  });

  it('should remove the temp files a killed process left behind, and only those', () => {
    const file = path.join(dir, 'usage.json');
    writeFileSync(path.join(dir, '.usage.json.0b9c.tmp'), '{"days":');
    writeFileSync(path.join(dir, '.criteres.json.0b9c.tmp'), '{');

    openUsageLog(file);

    expect(readdirSync(dir)).toEqual(['.criteres.json.0b9c.tmp']);
  });

  it('should set a damaged file aside instead of failing', () => {
    const file = path.join(dir, 'usage.json');
    writeFileSync(file, '{"days": 12}');

    expect(openUsageLog(file).today('2026-11-24')).toEqual({});
    expect(readdirSync(dir).some((name) => name.startsWith('usage.json.damaged-'))).toBe(true);
  });
});
