import { spawn } from 'node:child_process';

// Plain JavaScript for a bare `node -e`: asks until its stdin closes, then prints the latencies.
const POLLER = `
const url = process.argv[1];
const latencies = [];
let running = true;
process.stdin.on('data', () => (running = false)).on('end', () => (running = false)).resume();
(async () => {
  while (running) {
    const started = performance.now();
    try {
      await (await fetch(url)).arrayBuffer();
      latencies.push(performance.now() - started);
    } catch {
      latencies.push(Infinity);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  process.stdout.write(JSON.stringify(latencies.map((ms) => (Number.isFinite(ms) ? ms : null))));
})();
`;

/**
 * Asks `/api/health` every 20 ms from another process until stopped: a client in this process
 * would share the event loop it watches, and miss any stall that falls between two asks.
 * A failed ask counts as never answered (Infinity).
 */
export function watchHealth(appUrl: string): { stop: () => Promise<number[]> } {
  const poller = spawn(process.execPath, ['-e', POLLER, `${appUrl}/api/health`], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  poller.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => poller.once('exit', () => resolve()));
  return {
    stop: async () => {
      poller.stdin.end('stop\n');
      await exited;
      return (JSON.parse(output || '[]') as (number | null)[]).map((ms) => ms ?? Infinity);
    },
  };
}
