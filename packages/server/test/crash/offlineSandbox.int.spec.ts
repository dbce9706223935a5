import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { offlineSandbox, offlineSandboxAvailable } from './offlineSandbox';

const available = ((): boolean => {
  if (offlineSandboxAvailable() || process.env.CI) return true;
  console.warn('\n*** Offline sandbox tests SKIPPED: `unshare --map-root-user --mount` is refused here ***\n');
  return false;
})();
const describeSandbox = available ? describe : describe.skip;

const LOOKUP = `require('node:dns').lookup(process.argv[1], (error, address) => console.log(JSON.stringify({ code: error?.code, address })));`;

describeSandbox('Offline sandbox for the crash trials', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veille-offline-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lookUp = (name: string): { code?: string; address?: string; ms: number } => {
    const { command, args } = offlineSandbox(dir)(process.execPath, ['-e', LOOKUP, name]);
    const started = Date.now();
    const run = spawnSync(command, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return { ...(JSON.parse(run.stdout) as { code?: string; address?: string }), ms: Date.now() - started };
  };

  it('should fail at once the lookup of a name the machine resolves (its package registry), as with no DNS', () => {
    const answer = lookUp('registry.npmjs.org');

    expect(answer.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(answer.address).toBeUndefined();
    // The host's resolver stalls 5 s on a burst here; a generous bound that it breaks.
    expect(answer.ms).toBeLessThan(4_000);
  });

  it('should still resolve localhost from /etc/hosts', () => {
    expect(lookUp('localhost').address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it("should leave the machine's own resolver alone", () => {
    const before = readFileSync('/etc/resolv.conf', 'utf8');

    lookUp('registry.npmjs.org');

    expect(readFileSync('/etc/resolv.conf', 'utf8')).toBe(before);
  });
});
