import { digestNotice } from './digestNotice';
import { readSettings } from './settings';
import { changedPart, toForm } from './settingsForm';

const answer = {
  digest: {
    minScore: 14,
    host: 'smtp.example.org',
    port: 587,
    secure: false,
    user: 'moi@example.org',
    password: { set: true, hint: '…9f3k' },
    to: 'moi@example.org',
    from: { minScore: 'default', host: 'file', port: 'default', secure: 'default', user: 'file', password: 'env', to: 'file' },
  },
};

describe('The digest part of the settings', () => {
  it('should read the threshold, the SMTP server and the recipient, the password only as set, and where each comes from', () => {
    const view = readSettings(answer);

    expect(view.digest).toEqual({
      minScore: 14,
      host: 'smtp.example.org',
      port: 587,
      secure: false,
      user: 'moi@example.org',
      password: { set: true, hint: '…9f3k' },
      to: 'moi@example.org',
    });
    expect(view.origins['digest.password']).toBe('env');
  });

  it('should read an answer without a digest part as nothing set', () => {
    expect(readSettings({}).digest).toMatchObject({ minScore: null, host: '', password: { set: false, hint: '' } });
  });

  it('should send only what changed, the threshold with a French comma as a number, never a value the environment sets', () => {
    const view = readSettings(answer);
    const form = toForm(view);
    form.digest.minScore = '15,5';
    form.digest.port = '465';
    form.digest.secure = true;
    form.digest.password = { mode: 'replace', value: 'nouveau' };

    expect(changedPart('digest', view, form)).toEqual({ minScore: 15.5, port: 465, secure: true });
  });

  it('should send what is typed when it is not a number, for the server to name the field', () => {
    const view = readSettings(answer);
    const form = toForm(view);
    form.digest.minScore = 'quatorze';

    expect(changedPart('digest', view, form)).toEqual({ minScore: 'quatorze' });
  });
});

describe('The digest notification', () => {
  it('should say how many new offers crossed the threshold, and the best one with its company and score', () => {
    const notice = digestNotice({
      at: '2026-11-24T08:05:00.000Z',
      minScore: 14,
      count: 3,
      best: [{ id: 'rec1', title: 'Data engineer', company: 'Acme', score: 15.5 }],
      mailing: false,
    });

    expect(notice).toEqual({ title: '3 nouvelles offres ≥ 14/20', body: 'Data engineer — Acme (15,5/20)' });
  });
});
