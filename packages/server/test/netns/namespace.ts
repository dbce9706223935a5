import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PUBLIC_ADDRESS } from './scenario';

const ROOT = path.resolve(__dirname, '../../../..');
const PREFIX = 'veille-test-';

const ip = (...args: string[]): string => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

const stderrOf = (error: unknown): string =>
  (error as { stderr?: Buffer }).stderr?.toString().trim() || (error instanceof Error ? error.message : String(error));

const whyUnavailable = (): string | undefined => {
  if (process.getuid?.() !== 0) return 'it needs root to create a network namespace';
  const probe = `${PREFIX}${process.pid}-probe`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'no `ip` command (apt-get install iproute2)';
    return `no network namespace could be created (${stderrOf(error)})`;
  }
};

/** Without root or iproute2 a laptop skips loudly; CI never skips: there the test fails instead. */
export function namespacesAvailable(): boolean {
  if (process.env.CI) return true;
  const missing = whyUnavailable();
  if (!missing) return true;
  console.warn(`\n*** Simulated-internet test SKIPPED: ${missing} ***\n`);
  return false;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const removeNamespace = (name: string): void => {
  try {
    ip('netns', 'del', name);
  } finally {
    rmSync(`/etc/netns/${name}`, { recursive: true, force: true });
  }
};

/** Namespaces of a test run that was killed before its clean-up: their process is gone. */
const removeStale = (): void => {
  for (const line of ip('netns', 'list').split('\n')) {
    const stale = new RegExp(`^(${PREFIX}(\\d+)-\\w+)`).exec(line);
    if (stale && !alive(Number(stale[2]))) removeNamespace(stale[1]);
  }
};

export type Namespace = { readonly name: string; remove(): void };

/**
 * An isolated network: loopback up, 203.0.113.10 on one end of a veth pair (this kernel has no
 * dummy driver), and a resolv.conf that sends every DNS question to the stub on 127.0.0.1.
 */
export function createNamespace(): Namespace {
  removeStale();
  const name = `${PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`;
  ip('netns', 'add', name);
  try {
    ip('-n', name, 'link', 'set', 'lo', 'up');
    ip('-n', name, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
    ip('-n', name, 'addr', 'add', `${PUBLIC_ADDRESS}/24`, 'dev', 'v0');
    ip('-n', name, 'link', 'set', 'v0', 'up');
    ip('-n', name, 'link', 'set', 'v1', 'up');
    mkdirSync(`/etc/netns/${name}`, { recursive: true });
    writeFileSync(`/etc/netns/${name}/resolv.conf`, 'nameserver 127.0.0.1\noptions timeout:1 attempts:2\n');
  } catch (error) {
    removeNamespace(name);
    throw error;
  }
  return { name, remove: () => removeNamespace(name) };
}

/** `node --import tsx <script>` inside the namespace, from the repository root. */
const inNamespace = (namespace: Namespace, script: string, ...args: string[]): [string, string[]] => [
  'ip',
  ['netns', 'exec', namespace.name, process.execPath, '--import', 'tsx', path.join(__dirname, script), ...args],
];

export type Internet = {
  readonly dns: string[];
  readonly board: string[];
  readonly loopback: string[];
  stop(): Promise<void>;
};

/** Starts the stub DNS, the board and the loopback server; resolves once they all listen. */
export function startInternet(namespace: Namespace): Promise<Internet> {
  const [command, args] = inNamespace(namespace, 'internet.ts');
  // `ip netns exec` execs node in its place: this pid is the servers' own.
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const internet: Internet = {
    dns: [],
    board: [],
    loopback: [],
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void internet.stop().then(() => reject(new Error(`the simulated internet did not start: ${stderr}`))), 30_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the simulated internet stopped: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { ready?: true; dns?: string; public?: string; loopback?: string };
      if (event.dns) internet.dns.push(event.dns);
      if (event.public) internet.board.push(event.public);
      if (event.loopback) internet.loopback.push(event.loopback);
      if (event.ready) {
        clearTimeout(timer);
        resolve(internet);
      }
    });
  });
}

export type StoredOffer = { url: string; status: string; reason: string; text: string };

/** One Veille run inside the namespace, on a fresh data dir: every offer as stored after it. */
export function runVeille(namespace: Namespace, dataDir: string): Promise<StoredOffer[]> {
  const [command, args] = inNamespace(namespace, 'veilleRun.ts', dataDir);
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: ROOT, timeout: 90_000, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      const result = stdout.split('\n').find((line) => line.startsWith('RESULT '));
      if (error || !result) reject(new Error(`the Veille run failed: ${error?.message ?? ''}\n${stderr}`));
      else resolve(JSON.parse(result.slice('RESULT '.length)) as StoredOffer[]);
    });
  });
}
