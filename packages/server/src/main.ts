import { ConfigError, loadConfig, loadDotEnv } from './config';
import { startApp } from './app';
import { describeListening } from './http/addresses';

const main = async (): Promise<void> => {
  loadDotEnv();
  const config = loadConfig();
  // Said as soon as the port listens: a slow store can take a minute, and the page shows it loading.
  const app = await startApp(config, { onListening: (listening) => process.stdout.write(`\n${describeListening(listening)}\n`) });
  process.stdout.write(`Veille est prête.${config.accessToken ? ' Accès protégé par ACCESS_TOKEN.' : ''}\n\n`);
  const shutdown = (): void => {
    process.stdout.write('\nArrêt de Veille…\n');
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Démarrage impossible : ${String(error)}`}\n`);
  process.exit(1);
});
