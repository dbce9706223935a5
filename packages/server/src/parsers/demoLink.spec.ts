import os from 'node:os';
import { demoLink } from './cards';

const read = demoLink('hellowork');
const outsideAddress = Object.values(os.networkInterfaces())
  .flatMap((entries) => entries ?? [])
  .find((entry) => !entry.internal && entry.family === 'IPv4')?.address;

describe("Demo links (Veille's own demo pages)", () => {
  describe('Given a demo page of this machine', () => {
    it.each(['http://127.0.0.1:3000', 'http://localhost:4123', 'http://[::1]:3000', ...(outsideAddress ? [`http://${outsideAddress}:3000`] : [])])(
      'should read %s/demo/offres/<board>-<id> as the job, without its query',
      (origin) => {
        expect(read(`${origin}/demo/offres/hellowork-7012345?utm_source=alerte#top`, 'Data engineer')).toEqual({
          key: 'hellowork:7012345',
          url: `${origin}/demo/offres/hellowork-7012345`,
        });
      },
    );
  });

  describe('Given the same path anywhere else', () => {
    it.each([
      'https://evil.example/demo/offres/hellowork-7012345',
      'http://203.0.113.10/demo/offres/hellowork-7012345',
      'http://127.0.0.1.evil.example:3000/demo/offres/hellowork-7012345',
      'https://www.hellowork.com/fr-fr/demo/offres/hellowork-7012345',
      'http://127.0.0.1:3000/ailleurs/demo/offres/hellowork-7012345',
    ])('should not take %s for a job', (href) => {
      expect(read(href, 'Data engineer')).toBeUndefined();
    });

    it("should not take another board's demo page for one of its own", () => {
      expect(read('http://127.0.0.1:3000/demo/offres/indeed-a1b2c3d4e5f60701', 'Data engineer')).toBeUndefined();
    });
  });
});
