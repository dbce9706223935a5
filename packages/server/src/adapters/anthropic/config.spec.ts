import { anthropicConfigFromEnv } from './config';

describe('Claude configuration from the environment', () => {
  it('should stay off without a key, so the rules analyser stays', () => {
    expect(anthropicConfigFromEnv({})).toBeUndefined();
    expect(anthropicConfigFromEnv({ ANTHROPIC_API_KEY: '' })).toBeUndefined();
  });

  it('should default to a current Sonnet and 3 parallel calls, empty variables counting as unset', () => {
    expect(anthropicConfigFromEnv({ ANTHROPIC_API_KEY: 'sk-secret', ANTHROPIC_MODEL: '', ANTHROPIC_BASE_URL: '' })).toEqual({
      apiKey: 'sk-secret',
      model: 'claude-sonnet-5-5',
      baseURL: undefined,
      concurrency: 3,
    });
  });

  it('should read the model, the base URL and the concurrency', () => {
    const config = anthropicConfigFromEnv({
      ANTHROPIC_API_KEY: 'sk-secret',
      ANTHROPIC_MODEL: 'claude-haiku-5-5',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4010',
      ANALYSIS_CONCURRENCY: '5',
    });

    expect(config).toEqual({ apiKey: 'sk-secret', model: 'claude-haiku-5-5', baseURL: 'http://127.0.0.1:4010', concurrency: 5 });
  });

  it('should name the wrong variable and never show the key', () => {
    const read = () => anthropicConfigFromEnv({ ANTHROPIC_API_KEY: 'sk-secret', ANTHROPIC_BASE_URL: 'ftp://example.com', ANALYSIS_CONCURRENCY: 'beaucoup' });

    expect(read).toThrow(/ANTHROPIC_BASE_URL/);
    expect(read).toThrow(/ANALYSIS_CONCURRENCY/);
    expect(read).not.toThrow(/sk-secret/);
  });
});
