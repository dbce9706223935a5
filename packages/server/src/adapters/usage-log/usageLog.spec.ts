import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openUsageLog } from '.';

describe('Usage log', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'veille-usage-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should keep today\'s calls across a restart', async () => {
    const file = path.join(dir, 'usage.json');
    const log = openUsageLog(file);
    for (let index = 0; index < 50; index += 1) log.record({ api: 'Pages web', kind: 'GET', calls: 1, day: '2026-11-24' });
    await log.flush();

    expect(openUsageLog(file).today('2026-11-24')['Pages web']).toMatchObject({ calls: 50, byKind: { GET: 50 } });
    expect(openUsageLog(file).today('2026-11-25')).toEqual({});
  });

  it('should set a damaged file aside instead of failing', () => {
    const file = path.join(dir, 'usage.json');
    writeFileSync(file, '{"days": 12}');

    expect(openUsageLog(file).today('2026-11-24')).toEqual({});
    expect(readdirSync(dir).some((name) => name.startsWith('usage.json.damaged-'))).toBe(true);
  });
});
