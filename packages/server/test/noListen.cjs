// Preloaded (node --require) into a process that must never listen on a TCP port: any attempt is
// said on stderr and fails, so a test sees it even if the process would have gone on.
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function guardedListen(...args) {
  const [first] = args;
  // A path (a Unix socket, a pipe) is no port: tools may use one between their own processes.
  const onPath = typeof first === 'string' && !/^\d+$/.test(first);
  const optionsPath = typeof first === 'object' && first !== null && typeof first.path === 'string';
  if (onPath || optionsPath) return listen.apply(this, args);
  process.stderr.write(`LISTEN-ATTEMPT ${JSON.stringify(first)}\n`);
  throw new Error('This process must not listen on a TCP port.');
};
