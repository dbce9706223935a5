import { imapConfigFromEnv } from './config';

const complete = { IMAP_HOST: 'imap.example.fr', IMAP_USER: 'moi@example.fr', IMAP_PASSWORD: 'p4ss-secr3t' };

describe('IMAP configuration from the environment', () => {
  it('should keep the folder mailbox when IMAP_HOST is unset or blank', () => {
    expect(imapConfigFromEnv({})).toBeUndefined();
    expect(imapConfigFromEnv({ IMAP_HOST: '  ', IMAP_USER: 'moi' })).toBeUndefined();
  });

  it('should default to TLS on 993, INBOX and Archive', () => {
    expect(imapConfigFromEnv(complete)).toEqual({
      host: 'imap.example.fr',
      port: 993,
      secure: true,
      user: 'moi@example.fr',
      password: 'p4ss-secr3t',
      folder: 'INBOX',
      archiveFolder: 'Archive',
    });
  });

  it.each([
    ['0', false],
    ['false', false],
    ['1', true],
    ['TRUE', true],
  ])('should read IMAP_SECURE=%s as %s', (value, secure) => {
    expect(imapConfigFromEnv({ ...complete, IMAP_SECURE: value })?.secure).toBe(secure);
  });

  it('should take the port and folders given', () => {
    const config = imapConfigFromEnv({ ...complete, IMAP_PORT: '143', IMAP_SECURE: '0', IMAP_FOLDER: 'Alertes', IMAP_ARCHIVE_FOLDER: 'Alertes/Lues' });

    expect(config).toMatchObject({ port: 143, secure: false, folder: 'Alertes', archiveFolder: 'Alertes/Lues' });
  });

  it('should name every bad variable at once, and never show the password', () => {
    const reading = () => imapConfigFromEnv({ IMAP_HOST: 'imap.example.fr', IMAP_PORT: 'abc', IMAP_SECURE: 'oui', IMAP_PASSWORD: '' });

    expect(reading).toThrow(/IMAP_PORT : attendu un numéro de port/);
    expect(reading).toThrow(/IMAP_SECURE : attendu 1, 0, true ou false/);
    expect(reading).toThrow(/IMAP_USER : requis avec IMAP_HOST/);
    expect(reading).toThrow(/IMAP_PASSWORD : requis avec IMAP_HOST/);
  });

  it('should not echo a value back in its message, whichever variable is wrong', () => {
    const reading = () => imapConfigFromEnv({ ...complete, IMAP_PORT: '99999', IMAP_SECURE: 'p4ss-secr3t' });

    expect(reading).toThrow(/IMAP_PORT : entre 1 et 65535/);
    expect(reading).not.toThrow(/p4ss-secr3t|99999/);
  });
});
