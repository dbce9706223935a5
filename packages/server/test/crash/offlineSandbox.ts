import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NSSWITCH = '/etc/nsswitch.conf';

// Arguments after the script: the resolv.conf, the nsswitch.conf (or ''), then the command.
const MOUNT_AND_EXEC = [
  'resolv="$1"; nsswitch="$2"; shift 2',
  'mount --bind "$resolv" /etc/resolv.conf',
  'if [ -n "$nsswitch" ]; then mount --bind "$nsswitch" /etc/nsswitch.conf; fi',
  'exec "$@"',
].join(' && ');

/**
 * Whether this machine lets a process see files of its own at /etc without root: a mount
 * namespace inside a user namespace (`unshare --map-root-user --mount`).
 */
export function offlineSandboxAvailable(): boolean {
  const probe = spawnSync('unshare', ['--map-root-user', '--mount', 'sh', '-c', 'mount --bind /dev/null /dev/null'], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * Wraps a command so that it runs as on a machine that reaches no DNS: names resolve from
 * /etc/hosts only, every other lookup fails at once. The real alerts link to LinkedIn, Indeed…:
 * without this, phase 2 would wait on the host's resolver (rate-limited here: 5 s stalls) or,
 * online, fetch those sites. The process keeps the host's network: loopback works as usual.
 * The resolver named has nothing listening on loopback port 53 on a machine without a local DNS.
 */
export function offlineSandbox(dir: string): (command: string, args: string[]) => { command: string; args: string[] } {
  const resolv = path.join(dir, 'resolv.conf');
  writeFileSync(resolv, 'nameserver 127.0.0.1\noptions attempts:1 timeout:1\n');
  let nsswitch = '';
  if (existsSync(NSSWITCH)) {
    // nss modules such as systemd-resolved's would resolve without reading resolv.conf.
    nsswitch = path.join(dir, 'nsswitch.conf');
    const current = readFileSync(NSSWITCH, 'utf8');
    writeFileSync(nsswitch, /^hosts:/m.test(current) ? current.replace(/^hosts:.*$/m, 'hosts: files dns') : `${current}\nhosts: files dns\n`);
  }
  return (command, args) => ({
    command: 'unshare',
    args: ['--map-root-user', '--mount', 'sh', '-c', MOUNT_AND_EXEC, 'sh', resolv, nsswitch, command, ...args],
  });
}
