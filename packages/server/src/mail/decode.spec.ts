import { decodeAlert, EmailTooLargeError, MAX_EMAIL_BYTES } from './decode';

const message = (headers: string, body: string | Buffer): Buffer =>
  Buffer.concat([Buffer.from(`${headers}\r\n\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);

describe('Decoding an alert email', () => {
  it('should read sender, subject and HTML of a well-formed message', async () => {
    const raw = message(
      'From: "Alertes" <Jobs@MakeSense.org>\r\nSubject: =?UTF-8?B?w4Agdm91cw==?=\r\nContent-Type: text/html; charset=utf-8',
      '<p>Une offre</p>',
    );

    expect(await decodeAlert(raw)).toEqual({ sender: 'jobs@makesense.org', subject: 'À vous', html: '<p>Une offre</p>', text: '' });
  });

  it('should read both parts of a multipart/alternative message, quoted-printable included', async () => {
    const raw = message(
      'From: alert@indeed.com\r\nSubject: Offres\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"',
      [
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Ing=C3=A9nieur Data',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('<a href="https://www.indeed.com/viewjob?jk=1">Ingénieur Data</a>').toString('base64'),
        '--b--',
      ].join('\r\n'),
    );

    const email = await decodeAlert(raw);

    expect(email.text.trim()).toBe('Ingénieur Data');
    expect(email.html).toContain('Ingénieur Data</a>');
  });

  it('should read a body in another charset', async () => {
    const raw = message(
      'From: a@hellowork.com\r\nContent-Type: text/plain; charset=iso-8859-1',
      Buffer.from([0x44, 0xe9, 0x76, 0x65, 0x6c, 0x6f, 0x70, 0x70, 0x65, 0x75, 0x72]),
    );

    expect((await decodeAlert(raw)).text.trim()).toBe('Développeur');
  });

  it('should give an empty sender to a message with no usable From', async () => {
    expect((await decodeAlert(message('Subject: sans expéditeur', 'texte'))).sender).toBe('');
  });

  it('should survive junk: a broken boundary, an unknown charset, bytes that are not text, nothing at all', async () => {
    const junk = [
      message('From: a@b.fr\r\nContent-Type: multipart/alternative; boundary="x"', '--y\r\nnothing closes\r\n'),
      message('From: a@b.fr\r\nContent-Type: text/html; charset=x-unknown-42', '<p>texte</p>'),
      message('From: a@b.fr\r\nContent-Type: text/html', '<table><tr><td><a href="javascript:alert(1)"><<<</td></div></span>'),
      Buffer.from([0, 255, 1, 254, 13, 10, 13, 10, 0, 0]),
      Buffer.alloc(0),
    ];

    for (const raw of junk) {
      const outcome = await decodeAlert(raw).then(
        (email) => typeof email.html === 'string' && typeof email.text === 'string',
        (error: unknown) => error instanceof Error && error.message.length > 0,
      );
      expect(outcome).toBe(true);
    }
  });

  it('should refuse a message over the cap and say so, without reading it', async () => {
    const huge = Buffer.alloc(MAX_EMAIL_BYTES + 1, 'a');

    await expect(decodeAlert(huge)).rejects.toThrow(EmailTooLargeError);
    await expect(decodeAlert(huge)).rejects.toThrow(/Email trop volumineux \(2049 Ko, limite 2048 Ko\)/);
    await expect(decodeAlert(message('From: a@b.fr', 'x'.repeat(200)), { maxBytes: 100 })).rejects.toThrow(/limite 1 Ko/);
  });
});
