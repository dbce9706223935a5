import { airtableConfigFromEnv } from './config';

const KEY = 'patSECRETvalue.0123456789abcdef';
const BASE = 'appAbCdEf01234567';

describe('Airtable configuration', () => {
  it('should keep SQLite when neither variable is set', () => {
    expect(airtableConfigFromEnv({ AIRTABLE_API_KEY: '', AIRTABLE_BASE_ID: '' })).toBeUndefined();
  });

  it('should read a base id and an endpoint', () => {
    expect(airtableConfigFromEnv({ AIRTABLE_API_KEY: KEY, AIRTABLE_BASE_ID: BASE, AIRTABLE_ENDPOINT_URL: 'http://127.0.0.1:4000/' })).toEqual({
      apiKey: KEY,
      baseId: BASE,
      endpointUrl: 'http://127.0.0.1:4000',
    });
  });

  it('should take the base id out of a base URL', () => {
    const config = airtableConfigFromEnv({
      AIRTABLE_API_KEY: KEY,
      AIRTABLE_BASE_ID: `https://airtable.com/${BASE}/tblAbCdEf01234567/viwAbCdEf01234567?blocks=hide`,
    });

    expect(config?.baseId).toBe(BASE);
  });

  it('should name the missing variable when only one is set', () => {
    expect(() => airtableConfigFromEnv({ AIRTABLE_API_KEY: KEY })).toThrow('AIRTABLE_BASE_ID manque');
    expect(() => airtableConfigFromEnv({ AIRTABLE_BASE_ID: BASE })).toThrow('AIRTABLE_API_KEY manque');
  });

  it('should refuse a base id that is not one, without showing the key', () => {
    let message = '';
    try {
      airtableConfigFromEnv({ AIRTABLE_API_KEY: KEY, AIRTABLE_BASE_ID: 'ma-base' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('AIRTABLE_BASE_ID');
    expect(message).not.toContain(KEY);
  });
});
