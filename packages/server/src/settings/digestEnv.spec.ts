import { digestFromEnv } from './digestEnv';

describe('Digest from the environment', () => {
  it('should take only the variables given, the port, TLS and threshold as numbers and flags', () => {
    expect(
      digestFromEnv({ SMTP_HOST: 'smtp.example.org', SMTP_PORT: '465', SMTP_SECURE: 'true', DIGEST_TO: 'moi@example.org', DIGEST_MIN_SCORE: '15.5' }),
    ).toEqual({
      'digest.host': 'smtp.example.org',
      'digest.port': 465,
      'digest.secure': true,
      'digest.to': 'moi@example.org',
      'digest.minScore': 15.5,
    });
    expect(digestFromEnv({ SMTP_HOST: '', DIGEST_MIN_SCORE: '' })).toEqual({});
  });

  it('should name each wrong variable, never its value', () => {
    let message = '';
    try {
      digestFromEnv({ SMTP_HOST: 'smtp.example.org', SMTP_PORT: 'abc', SMTP_USER: 'moi', DIGEST_MIN_SCORE: '25' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('SMTP_PORT : un numéro de port est attendu');
    expect(message).toContain('DIGEST_MIN_SCORE : entre 0 et 20');
    expect(message).toContain('DIGEST_TO : requise avec SMTP_HOST');
    expect(message).toContain('SMTP_PASSWORD : requis avec SMTP_USER');
  });

  it('should refuse a recipient that is not one address', () => {
    expect(() => digestFromEnv({ SMTP_HOST: 'smtp.example.org', DIGEST_TO: 'moi@example.org, autre@example.org' })).toThrow(
      /DIGEST_TO : une adresse email est attendue/,
    );
  });
});
