import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT = '/usr/sbin/dovecot';

/** Without Dovecot a laptop skips loudly; CI never skips: there the tests fail instead. */
export function dovecotAvailable(): boolean {
  if (existsSync(DOVECOT) || process.env.CI) return true;
  console.warn(`\n*** IMAP tests SKIPPED: no Dovecot at ${DOVECOT} (apt-get install dovecot-imapd) ***\n`);
  return false;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const greets = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
  });

const signal = (pid: number, name: NodeJS.Signals): boolean => {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
};

/** Live (not zombie) processes of a process group: its members' parent may be an init slow to reap them. */
const liveMembers = (group: number): number => {
  let live = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after "(comm)": state, ppid, pgrp.
      const [state, , pgrp] = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
      if (Number(pgrp) === group && state !== 'Z') live += 1;
    } catch {
      // Exited while listed.
    }
  }
  return live;
};

const idOf = (name: string): { uid: number; gid: number; user: string; group: string } => {
  if (process.getuid?.() !== 0) {
    const user = os.userInfo().username;
    return { uid: process.getuid!(), gid: process.getgid!(), user, group: execFileSync('id', ['-gn']).toString().trim() };
  }
  return {
    uid: Number(execFileSync('id', ['-u', name]).toString()),
    gid: Number(execFileSync('id', ['-g', name]).toString()),
    user: name,
    group: execFileSync('id', ['-gn', name]).toString().trim(),
  };
};

const config = (dir: string, port: number, id: ReturnType<typeof idOf>): string => `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = test-dovecot-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${id.user}
default_internal_group = ${id.group}
default_login_user = ${id.user}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:${dir}/mail/%u
mail_uid = ${id.uid}
mail_gid = ${id.gid}
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${id.uid} gid=${id.gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;

export type Dovecot = {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The user's Maildir++ root (INBOX is `cur/` and `new/` here, other folders `.Name/`). */
  readonly maildir: string;
  append(folder: string, raw: string | Buffer): Promise<void>;
  /** Stops the server; `start()` brings it back on the same port with the same mail. */
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
};

/**
 * A real Dovecot on a free loopback port, one per test suite, in a temp dir. After a wrong
 * password it delays the next login from 127.0.0.1 by seconds (auth penalty, not configurable
 * in 2.3): test wrong passwords on an instance of their own.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veille-dovecot-'));
  // Dovecot's own processes run as its user and must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const id = idOf('dovecot');
  const user = 'test';
  const password = 'secret-imap-password';
  for (const sub of ['run', 'state', 'mail']) mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o755 });
  chownSync(path.join(dir, 'mail'), id.uid, id.gid);
  writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  writeFileSync(path.join(dir, 'dovecot.conf'), config(dir, port, id));

  const start = async (): Promise<void> => {
    execFileSync('sh', ['-c', `${DOVECOT} -c ${dir}/dovecot.conf </dev/null >>${dir}/dovecot.log 2>&1`]);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await greets(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Dovecot did not start: ${readFileSync(path.join(dir, 'dovecot.log'), 'utf8').slice(-2000)}`);
  };

  const pidFile = path.join(dir, 'run', 'master.pid');
  const masterPid = (): number | undefined => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined);
  // A suite that crashes before remove() must not leave its Dovecot behind: the master leads
  // its own process group, so the negative pid takes its children too.
  const killOnExit = (): void => {
    const pid = masterPid();
    if (pid) signal(-pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  // Per-session imap processes outlive the master's own shutdown: the whole group is signalled,
  // so a stop drops every client connection like a server restart would.
  const stop = async (): Promise<void> => {
    const pid = masterPid();
    if (!pid || !signal(-pid, 'SIGTERM')) return;
    for (let waited = 0; liveMembers(pid) > 0; waited += 20) {
      if (waited === 5_000) signal(-pid, 'SIGKILL');
      if (waited === 10_000) throw new Error(`Dovecot ${pid} did not stop`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    rmSync(pidFile, { force: true });
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    maildir: path.join(dir, 'mail', user),
    append: async (folder, raw) => {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
      await client.connect();
      try {
        if (folder !== 'INBOX') await client.mailboxCreate(folder);
        await client.append(folder, raw);
      } finally {
        await client.logout();
      }
    },
    stop,
    start,
    remove: async () => {
      process.removeListener('exit', killOnExit);
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
