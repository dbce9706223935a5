import { InvalidSettingsError } from './errors';
import type { Values } from './fields';
import { resolve } from './resolve';
import { decideUpdate } from './update';
import { secretView } from './view';

const imap: Partial<Values> = {
  'mailbox.kind': 'imap',
  'mailbox.host': 'imap.example.org',
  'mailbox.user': 'moi@example.org',
  'mailbox.password': 'app-password-1234',
};

const refusal = (body: unknown, env: Partial<Values> = {}, file: Partial<Values> = {}): Record<string, string> => {
  try {
    decideUpdate(body, { env, file });
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.fields;
    throw error;
  }
  throw new Error('saved');
};

describe('Settings', () => {
  describe('When a field is set in several places', () => {
    it('should take the environment over the file, and the file over the default', () => {
      const { values, from } = resolve({ 'mailbox.host': 'env.example.org' }, { 'mailbox.host': 'file.example.org', 'mailbox.port': 143 });

      expect([values['mailbox.host'], values['mailbox.port'], values['mailbox.folder']]).toEqual(['env.example.org', 143, 'INBOX']);
      expect([from['mailbox.host'], from['mailbox.port'], from['mailbox.folder']]).toEqual(['env', 'file', 'default']);
    });
  });

  describe('When the page saves a part', () => {
    it('should keep what the file holds and lay the changes over it', () => {
      expect(decideUpdate({ mailbox: { folder: 'Alertes' } }, { env: {}, file: imap })).toEqual({ ...imap, 'mailbox.folder': 'Alertes' });
    });

    it('should remove a secret sent as null, and leave one sent back as the page got it', () => {
      const file = { ...imap, 'mailbox.kind': 'folder' as const };

      expect(decideUpdate({ mailbox: { password: null } }, { env: {}, file })).not.toHaveProperty(['mailbox.password']);
      expect(decideUpdate({ mailbox: { password: { set: true, hint: '…1234' } } }, { env: {}, file })).toEqual(file);
    });

    it('should refuse to change a field the environment sets, and take it back unchanged without writing it', () => {
      const env = { 'analysis.kind': 'claude', 'analysis.apiKey': 'sk-ant-env' } as const;

      expect(refusal({ analysis: { kind: 'rules' } }, env)).toEqual({
        'analysis.kind': "défini par l'environnement (ANTHROPIC_API_KEY) : changez-le là, puis redémarrez Veille",
      });
      expect(refusal({ analysis: { apiKey: null } }, env)).toHaveProperty(['analysis.apiKey']);
      expect(decideUpdate({ analysis: { kind: 'claude', cap: { daily: 2 } } }, { env, file: {} })).toEqual({ 'analysis.cap.daily': 2 });
    });

    it('should refuse an IMAP mailbox without what it connects with, and take it with them', () => {
      expect(refusal({ mailbox: { kind: 'imap', host: 'imap.example.org' } })).toEqual({
        'mailbox.user': 'requis pour une boîte IMAP : votre adresse email, le plus souvent',
        'mailbox.password': "requis pour une boîte IMAP : un mot de passe d'application",
      });
      expect(
        decideUpdate({ mailbox: { kind: 'imap', host: 'imap.example.org', user: 'moi@example.org', password: 'app-password-1234' } }, { env: {}, file: {} }),
      ).toEqual(imap);
    });

    it("should read a base's id from its URL, and refuse what holds none", () => {
      const url = 'https://airtable.com/appABCDEFGHIJKLMN/tblX/viwY';

      expect(decideUpdate({ store: { baseId: url } }, { env: {}, file: {} })).toEqual({ 'store.baseId': 'appABCDEFGHIJKLMN' });
      expect(refusal({ store: { baseId: 'https://airtable.com/' } })).toEqual({
        'store.baseId': "un identifiant app… (17 caractères) ou l'URL d'une base est attendu",
      });
    });

    it('should take a cap of null as no cap, and refuse a negative one', () => {
      expect(decideUpdate({ analysis: { cap: { daily: null, monthly: 30 } } }, { env: {}, file: { 'analysis.cap.daily': 2 } })).toEqual({
        'analysis.cap.daily': null,
        'analysis.cap.monthly': 30,
      });
      expect(refusal({ analysis: { cap: { monthly: -5 } } })).toEqual({ 'analysis.cap.monthly': 'un montant positif ou nul est attendu' });
    });
  });

  it("should show a secret's last characters only when it is long enough not to give it away", () => {
    expect([secretView('sk-ant-0123456789'), secretView('court'), secretView('')]).toEqual([
      { set: true, hint: '…6789' },
      { set: true, hint: '…' },
      { set: false, hint: '' },
    ]);
  });
});
