import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { untilReady } from './runs';

const MAIN = path.resolve(__dirname, '../../src/main.ts');
const START_TIMEOUT_MS = 30_000;
const KEPT_OUTPUT = 20_000;

/** Variables that would point the server elsewhere than the trial's folder, SQLite file and fake API. */
const FOREIGN = /^(IMAP_|AIRTABLE_|ANTHROPIC_|ANALYSIS_|ACCESS_TOKEN$|ALLOWED_HOSTS$|ENRICH_|HOST$|PORT$|DATA_DIR$|LOG_LEVEL$|NODE_OPTIONS$)/;

export type ServerProcess = {
  /** The address the server announced on stdout. */
  readonly url: string;
  /** SIGKILL, as from the OOM killer or `kill -9`: no handler runs, nothing the process holds is flushed. */
  kill(): Promise<void>;
  /** Rejects if the server stops without being killed: race it against whatever waits on the server. */
  readonly died: Promise<never>;
};

/** The first URL of a complete, non-JSON line of output: the startup line, whatever its wording. */
function announcedUrl(output: string): string | undefined {
  const lines = output.split('\n').slice(0, -1);
  for (const line of lines) {
    if (line.trimStart().startsWith('{')) continue;
    const found = /https?:\/\/[^\s"'<>«»]+/.exec(line);
    if (found) return found[0].replace(/[.,;:)]+$/, '');
  }
  return undefined;
}

const live = new Set<ChildProcess>();

const killChild = async (child: ChildProcess): Promise<void> => {
  live.delete(child);
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
};

/** Kills every server still running: for afterEach/afterAll, so a failed trial leaves nothing behind. */
export async function killAllServers(): Promise<void> {
  await Promise.all([...live].map(killChild));
}

export type ServerLaunch = {
  dataDir: string;
  port: number;
  /** Where the server runs from: a folder without a `.env` of its own. */
  cwd: string;
  env: Record<string, string>;
  /** Wraps the node command (the offline sandbox). */
  wrap: (command: string, args: string[]) => { command: string; args: string[] };
};

/**
 * Starts the real server (main.ts) as its own process and resolves once it takes commands. It runs
 * as `node --import tsx`, not through the `tsx` CLI, whose extra parent process would take the
 * SIGKILL and leave the server running.
 */
export async function startServer({ dataDir, port, cwd, env, wrap }: ServerLaunch): Promise<ServerProcess> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !FOREIGN.test(name)));
  const { command, args } = wrap(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, MAIN]);
  const child = spawn(command, args, {
    cwd,
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
  };
  child.stderr.on('data', keep);

  const died = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (live.has(child)) reject(new Error(`Le serveur s'est arrêté de lui-même (${signal ?? code}) :\n${output}`));
    });
  });
  // Whoever races it later still sees the rejection; until then it must not count as unhandled.
  died.catch(() => undefined);

  const announced = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Le serveur n'a pas annoncé son adresse en ${START_TIMEOUT_MS} ms :\n${output}`)), START_TIMEOUT_MS);
    let stdout = '';
    const read = (chunk: Buffer): void => {
      stdout += chunk.toString('utf8');
      const found = announcedUrl(stdout);
      if (!found) return;
      clearTimeout(timer);
      child.stdout.off('data', read);
      resolve(found);
    };
    child.stdout.on('data', keep);
    child.stdout.on('data', read);
    died.catch(() => clearTimeout(timer));
  });
  const ready = announced.then(async (url) => {
    await untilReady(url);
    return url;
  });
  ready.catch(() => undefined);
  const url = await Promise.race([ready, died]).catch(async (error: unknown) => {
    await killChild(child);
    throw error;
  });

  return { url, kill: () => killChild(child), died };
}
