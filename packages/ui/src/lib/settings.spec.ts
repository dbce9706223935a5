import { airtableBaseId } from './airtable';
import { MAIL_PRESETS, presetById, presetForHost } from './mailPresets';
import { fieldMessages, fromEnv, messagesOutside, onDemoMailbox, readSettings } from './settings';
import { changedPart, toForm } from './settingsForm';

const answer = {
  mailbox: {
    kind: 'imap',
    host: 'imap.gmail.com',
    port: 993,
    secure: true,
    user: 'moi@gmail.com',
    password: { set: true, hint: '…1234' },
    folder: 'INBOX',
    archiveFolder: 'Archive',
    from: { host: 'file', port: 'file', user: 'env', password: 'file' },
  },
  store: { kind: 'sqlite', baseId: '', token: { set: false, hint: '' } },
  analysis: { kind: 'rules', model: 'claude-sonnet-5-5', apiKey: { set: false, hint: '' }, cap: { daily: 2, monthly: null } },
};

describe('The settings as the server answers them', () => {
  it('should read every part, and where each value comes from by its JSON path', () => {
    const view = readSettings(answer);

    expect(view.mailbox).toMatchObject({ kind: 'imap', host: 'imap.gmail.com', port: 993, password: { set: true, hint: '…1234' } });
    expect(view.analysis.cap).toEqual({ daily: 2, monthly: null });
    expect(fromEnv(view, 'mailbox.user')).toBe(true);
    expect(fromEnv(view, 'mailbox.host')).toBe(false);
  });

  it('should take a whole object set by the environment as setting each of its fields', () => {
    const view = readSettings({ ...answer, analysis: { ...answer.analysis, from: { cap: 'env' } } });

    expect(fromEnv(view, 'analysis.cap.daily')).toBe(true);
    expect(fromEnv(view, 'analysis.model')).toBe(false);
  });

  it('should read an empty or broken answer as the defaults rather than fail', () => {
    const view = readSettings('oops');

    expect(view.mailbox.kind).toBe('folder');
    expect(view.store.token).toEqual({ set: false, hint: '' });
    expect(view.models).toEqual([]);
  });

  it('should say what is wrong with the settings file when the server could not use it, and nothing otherwise', () => {
    expect(readSettings({ ...answer, fileError: 'Fichier settings.json illisible.' }).fileError).toBe('Fichier settings.json illisible.');
    expect(readSettings(answer).fileError).toBe('');
  });

  it('should read the models offered, with their prices when given, and skip what is not a model', () => {
    const view = readSettings({
      analysis: {
        ...answer.analysis,
        models: [{ id: 'claude-haiku-5-5', label: 'Claude Haiku 5.5', inputPerMTok: 0.1, outputPerMTok: 0.5 }, 'claude-opus-5-5', { label: 'x' }],
      },
    });

    expect(view.models).toEqual([
      { id: 'claude-haiku-5-5', label: 'Claude Haiku 5.5', input: 0.1, output: 0.5 },
      { id: 'claude-opus-5-5', label: 'claude-opus-5-5' },
    ]);
  });

  it('should see the demo on a first start, and not once a mailbox is chosen, by the page or the environment', () => {
    const demo = { ...answer, mailbox: { ...answer.mailbox, kind: 'folder', from: {} } };

    expect(onDemoMailbox(readSettings(demo))).toBe(true);
    expect(onDemoMailbox(readSettings(answer))).toBe(false);
    expect(onDemoMailbox(readSettings({ ...demo, mailbox: { ...demo.mailbox, from: { kind: 'env' } } }))).toBe(false);
  });

  it('should keep the French message of each refused field by its path', () => {
    expect(fieldMessages({ error: 'Paramètres non enregistrés.', fields: { 'mailbox.port': 'Port entre 1 et 65535.', other: 3 } })).toEqual({
      'mailbox.port': 'Port entre 1 et 65535.',
    });
    expect(fieldMessages({ error: 'x' })).toEqual({});
  });

  it("should say with the part's message what its fields cannot show: another part's refusals, or the body's", () => {
    const messages = { 'mailbox.port': 'entre 1 et 65535', 'store.token': 'requis pour Airtable', part: 'attendu « mailbox »' };

    expect(messagesOutside('mailbox', messages)).toEqual(['store.token : requis pour Airtable', 'part : attendu « mailbox »']);
    expect(messagesOutside('mailbox', { 'mailbox.port': 'entre 1 et 65535' })).toEqual([]);
  });
});

describe('What a save sends', () => {
  const view = readSettings(answer);

  it('should send nothing when nothing changed', () => {
    expect(changedPart('mailbox', view, toForm(view))).toEqual({});
    expect(changedPart('analysis', view, toForm(view))).toEqual({});
  });

  it('should send only the fields changed, numbers as numbers and a port as typed when it is not one', () => {
    const form = toForm(view);
    form.mailbox.folder = 'Alertes';
    form.mailbox.port = ' 143 ';
    form.mailbox.secure = false;

    expect(changedPart('mailbox', view, form)).toEqual({ folder: 'Alertes', port: 143, secure: false });
    form.mailbox.port = 'neuf';
    expect(changedPart('mailbox', view, form)).toMatchObject({ port: 'neuf' });
  });

  it('should never send a field the environment sets', () => {
    const form = toForm(view);
    form.mailbox.user = 'autre@gmail.com';

    expect(changedPart('mailbox', view, form)).toEqual({});
  });

  it('should send a secret only when replaced by something or removed', () => {
    const form = toForm(view);
    form.mailbox.password = { mode: 'replace', value: '' };
    expect(changedPart('mailbox', view, form)).toEqual({});

    form.mailbox.password = { mode: 'replace', value: 'abcd efgh ijkl mnop' };
    expect(changedPart('mailbox', view, form)).toEqual({ password: 'abcd efgh ijkl mnop' });

    form.mailbox.password = { mode: 'remove', value: 'ignored' };
    expect(changedPart('mailbox', view, form)).toEqual({ password: null });
  });

  it('should send caps in dollars with a French comma, empty as no cap', () => {
    const form = toForm(view);
    form.analysis.cap = { daily: '', monthly: '12,5' };

    expect(changedPart('analysis', view, form)).toEqual({ cap: { daily: null, monthly: 12.5 } });
    form.analysis.cap.monthly = 'dix';
    expect(changedPart('analysis', view, form)).toEqual({ cap: { daily: null, monthly: 'dix' } });
  });

  it('should keep the id of an Airtable base pasted as an address', () => {
    const form = toForm(view);
    form.store.kind = 'airtable';
    form.store.baseId = 'https://airtable.com/appAbCdEfGhIjKlMn/tblXyz/viwAbc?blocks=hide';
    form.store.token = { mode: 'replace', value: 'patSecret.123' };

    expect(changedPart('store', view, form)).toEqual({ kind: 'airtable', baseId: 'appAbCdEfGhIjKlMn', token: 'patSecret.123' });
  });
});

describe('The Airtable base id', () => {
  it('should take an id as is, or from a pasted address', () => {
    expect(airtableBaseId(' appAbCdEfGhIjKlMn ')).toBe('appAbCdEfGhIjKlMn');
    expect(airtableBaseId('https://airtable.com/appAbCdEfGhIjKlMn/tblXyz/viwAbc')).toBe('appAbCdEfGhIjKlMn');
    expect(airtableBaseId('https://airtable.com/appAbCdEfGhIjKlMn')).toBe('appAbCdEfGhIjKlMn');
  });

  it('should find none in what holds no base id', () => {
    expect(airtableBaseId('appTropCourt')).toBe('');
    expect(airtableBaseId('https://airtable.com/tblXyz')).toBe('');
    expect(airtableBaseId('xappAbCdEfGhIjKlMn')).toBe('');
  });
});

describe('The mail providers', () => {
  it('should fill server, port and TLS, and link to an https page of the provider', () => {
    expect(presetById('gmail')).toMatchObject({ host: 'imap.gmail.com', port: 993, secure: true });
    for (const preset of MAIL_PRESETS) expect(preset.link.href).toMatch(/^https:\/\//);
    expect(MAIL_PRESETS.map((preset) => preset.label)).toEqual(['Gmail', 'Outlook / Office 365', 'Yahoo', 'Free', 'Orange', 'SFR', 'La Poste']);
  });

  it('should recognise a saved server, and no provider for another one', () => {
    expect(presetForHost('IMAP.free.fr ')?.id).toBe('free');
    expect(presetForHost('mail.example.org')).toBeUndefined();
    expect(presetById('aol')).toBeUndefined();
  });
});
