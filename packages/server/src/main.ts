import { ConfigError, loadConfig, loadDotEnv } from './config';
import { startApp } from './app';

const main = async (): Promise<void> => {
  loadDotEnv();
  const config = loadConfig();
  const app = await startApp(config);
  process.stdout.write(`\nVeille : ouvrez ${app.url}\n\n`);
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
