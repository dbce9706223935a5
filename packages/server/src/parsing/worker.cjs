// A worker thread starts without its parent's TypeScript loader (tsx for `pnpm start`, @swc/jest
// under jest), so it registers tsx's CommonJS hook itself before reading the task's sources.
require('tsx/cjs/api').register();
const { runParseTask, warmUp } = require('./task.ts');

// Piscina awaits a promised handler: the worker is ready once warm.
module.exports = { __esModule: true, default: warmUp().then(() => runParseTask) };
