import { decodeAlert, MAX_EMAIL_BYTES } from './decode';

const message = (headers: string, body: string | Buffer): Buffer =>
  Buffer.concat([Buffer.from(`${headers}\r\n\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);

describe('Decoding an alert email', () => {
  it('should read sender, subject and HTML of a well-formed message', async () => {
    const raw = message(
      'From: "Alertes" <Jobs@MakeSense.org>\r\nSubject: =?UTF-8?B?w4Agdm91cw==?=\r\nContent-Type: text/html; charset=utf-8',
      '<p>Une offre</p>',
    );

    expect(await decodeAlert(raw)).toMatchObject({ sender: 'jobs@makesense.org', subject: 'À vous', html: '<p>Une offre</p>' });
  });

  it('should read a body in another charset', async () => {
    const raw = message('From: a@hellowork.com\r\nContent-Type: text/plain; charset=iso-8859-1', Buffer.from([0x44, 0xe9, 0x76, 0x65, 0x6c, 0x6f, 0x70, 0x70, 0x65, 0x75, 0x72]));

    expect((await decodeAlert(raw)).text.trim()).toBe('Développeur');
  });

  it('should survive junk: a broken boundary, an unknown charset, bytes that are not text', async () => {
    const junk = [
      message('From: a@b.fr\r\nContent-Type: multipart/alternative; boundary="x"', '--y\r\nnothing closes\r\n'),
      message('From: a@b.fr\r\nContent-Type: text/html; charset=x-unknown-42', '<p>texte</p>'),
      Buffer.from([0, 255, 1, 254, 13, 10, 13, 10, 0, 0]),
      Buffer.alloc(0),
    ];

    for (const raw of junk) {
      await expect(decodeAlert(raw).then(() => 'read', (error: Error) => error.message)).resolves.toEqual(expect.any(String));
    }
  });

  it('should refuse a message over the cap and say so, without reading it', async () => {
    const huge = Buffer.alloc(MAX_EMAIL_BYTES + 1, 'a');

    await expect(decodeAlert(huge)).rejects.toThrow(/Email trop volumineux/);
  });
});
