import { startVeille } from './compose/startVeille';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { writeFailureOf } from './disk/writeFailures';
import { messageOf } from './errors';
import { describeListening } from './http/addresses';

const main = async (): Promise<void> => {
  loadDotEnv();
  const config = loadConfig();
  // Said as soon as the port listens: a slow store can take a minute, and the page shows it loading.
  const app = await startVeille(config, { onListening: (listening) => process.stdout.write(`\n${describeListening(listening)}\n`) });
  process.stdout.write(`Veille est prête.${config.accessToken ? ' Accès protégé par ACCESS_TOKEN.' : ''}\n\n`);
  const shutdown = (): void => {
    process.stdout.write('\nArrêt de Veille…\n');
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

/** Why Veille cannot start, as the user can act on it: a bad variable, a disk that refuses writes, or the error itself. */
function startupFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  const refused = writeFailureOf(error, {
    failed: 'Veille ne peut pas préparer ses fichiers dans le dossier de données',
    kept: "aucune donnée n'a été modifiée",
  });
  return `Démarrage impossible : ${refused ? refused.message : messageOf(error)}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${startupFailure(error)}\n`);
  process.exit(1);
});
