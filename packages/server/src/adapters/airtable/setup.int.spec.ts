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

      expect(result).toEqual({ created: ['Table Sources créée (5 champs).', 'Table Offres créée (18 champs).'], problems: [] });
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
    it('should say exactly what to fix: a missing field, a wrong type, a renamed status', async () => {
      await run();
      const offers = fake.schema()[1];
      offers.fields = offers.fields.filter((field) => field.name !== 'Poste');
      const total = offers.fields.find((field) => field.name === 'Score total');
      if (total) total.type = 'singleLineText';
      const status = offers.fields.find((field) => field.name === 'Statut');
      for (const choice of (status?.options?.choices ?? []) as { name: string }[]) if (choice.name === 'À traiter') choice.name = 'A traiter';

      const { created, problems } = await run();

      expect(created).toEqual([]);
      expect(problems).toEqual([
        'Table Offres : ajoutez le champ « Poste » de type Texte sur une ligne.',
        "Table Offres, champ « Statut » : le choix « À traiter » manque et « A traiter » n'est pas attendu ; s'il s'agit du même, renommez-le exactement « À traiter ».",
        'Table Offres, champ « Score total » : le type est Texte sur une ligne, il doit être Nombre.',
      ]);
    });

    it('should create the Offres table when only Sources exists', async () => {
      await run();
      fake.schema().splice(1, 1);

      const { created, problems } = await run();

      expect(created).toEqual(['Table Offres créée (18 champs).']);
      expect(problems).toEqual([]);
    });
  });
});
