import { STATUSES } from '@veille/domain';
import { startFakeAirtable, type FakeAirtable } from '../../../test/fakeAirtable';
import { createAirtableClient } from './client';
import { setupAirtable } from './setup';

describe('Airtable setup', () => {
  let fake: FakeAirtable;
  let run: () => ReturnType<typeof setupAirtable>;

  beforeEach(async () => {
    fake = await startFakeAirtable({ requestsPerSecond: 1_000 });
    const config = { apiKey: fake.apiKey, baseId: fake.baseId, endpointUrl: fake.url };
    const client = createAirtableClient(config, { requestsPerSecond: 1_000 });
    run = () => setupAirtable(config, undefined, client);
  });

  afterEach(async () => {
    await fake.close();
  });

  describe('When the base is empty', () => {
    it('should create both tables through the Meta API, the statuses in order with colours', async () => {
      const result = await run();

      expect(result).toEqual({ created: ['Table Sources créée (5 champs).', 'Table Offres créée (22 champs).'], problems: [] });
      expect(fake.count('meta')).toBe(3);
      const [sources, offers] = fake.schema();
      expect(sources.fields.map((field) => field.name)).toEqual([
        'emailExpéditeur',
        'plugin',
        'Activer la création',
        "Activer l'enrichissement",
        "Activer l'analyse par IA",
        'Offres',
      ]);
      const status = offers.fields.find((field) => field.name === 'Statut');
      expect((status?.options?.choices as { name: string; color: string }[]).map((choice) => choice.name)).toEqual([...STATUSES]);
      expect((status?.options?.choices as { color?: string }[]).every((choice) => !!choice.color)).toBe(true);
      expect(offers.fields.find((field) => field.name === 'email expéditeur')?.options?.linkedTableId).toBe(sources.id);
    });

    it('should find nothing to fix once done', async () => {
      await run();
      fake.resetLog();

      expect(await run()).toEqual({ created: [], problems: [] });
      expect(fake.count('meta')).toBe(1);
    });
  });

  describe('When the base was changed by hand', () => {
    it('should say exactly what to fix: a wrong type, a renamed status', async () => {
      await run();
      const offers = fake.schema()[1];
      offers.fields = offers.fields.filter((field) => field.name !== 'Poste');
      const total = offers.fields.find((field) => field.name === 'Score total');
      if (total) total.type = 'singleLineText';
      const status = offers.fields.find((field) => field.name === 'Statut');
      for (const choice of (status?.options?.choices ?? []) as { name: string }[]) if (choice.name === 'À traiter') choice.name = 'A traiter';

      const { created, problems } = await run();

      expect(created).toEqual(['Champ « Poste » ajouté à la table Offres.']);
      expect(problems).toEqual([
        "Table Offres, champ « Statut » : le choix « À traiter » manque et « A traiter » n'est pas attendu ; s'il s'agit du même, renommez-le exactement « À traiter ».",
        'Table Offres, champ « Score total » : le type est Texte sur une ligne, il doit être Nombre.',
      ]);
    });

    it('should add the fields a base prepared by an earlier Veille lacks, and take a board choice it lacks as created on first use', async () => {
      await run();
      const [sources, offers] = fake.schema();
      offers.fields = offers.fields.filter((field) => field.name !== 'Justifications' && field.name !== 'Coût analyse (USD)');
      const board = sources.fields.find((field) => field.name === 'plugin');
      if (board?.options) board.options.choices = (board.options.choices as { name: string }[]).filter((choice) => choice.name !== 'Ajout manuel');
      fake.resetLog();

      const { created, problems } = await run();

      expect(created).toEqual(['Champ « Justifications » ajouté à la table Offres.', 'Champ « Coût analyse (USD) » ajouté à la table Offres.']);
      expect(problems).toEqual([]);
      expect(fake.count('meta')).toBe(3);
      expect(offers.fields.find((field) => field.name === 'Coût analyse (USD)')).toMatchObject({ type: 'number', options: { precision: 6 } });
      expect(await run()).toEqual({ created: [], problems: [] });
    });

    it('should still say a board choice looks renamed', async () => {
      await run();
      const board = fake.schema()[0].fields.find((field) => field.name === 'plugin');
      for (const choice of (board?.options?.choices ?? []) as { name: string }[]) if (choice.name === 'LinkedIn') choice.name = 'Linkedin';

      expect((await run()).problems).toEqual([
        "Table Sources, champ « plugin » : le choix « LinkedIn » manque et « Linkedin » n'est pas attendu ; s'il s'agit du même, renommez-le exactement « LinkedIn ».",
      ]);
    });

    it('should create the Offres table when only Sources exists', async () => {
      await run();
      fake.schema().splice(1, 1);

      const { created, problems } = await run();

      expect(created).toEqual(['Table Offres créée (22 champs).']);
      expect(problems).toEqual([]);
    });
  });
});
