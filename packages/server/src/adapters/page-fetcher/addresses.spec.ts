import { refusalOf } from './addresses';

const urlOf = (address: string): URL => new URL(`http://${address.includes(':') ? `[${address}]` : address}/offre`);

const PUBLIC = [
  '8.8.8.8',
  '203.0.113.10',
  '1.1.1.1',
  '172.32.0.1',
  '100.128.0.1',
  '2001:4860:4860::8888',
  '::ffff:8.8.8.8',
  '::ffff:808:808',
  '64:ff9b::808:808',
  '2002:808:808::1',
];

const INTERNAL = [
  '0.0.0.0',
  '0.1.2.3',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.254',
  '127.0.0.1',
  '127.255.0.1',
  '169.254.0.1',
  '169.254.169.254',
  '172.16.0.1',
  '172.31.255.254',
  '192.168.1.1',
  '224.0.0.1',
  '239.255.255.250',
  '240.0.0.1',
  '255.255.255.255',
  '::',
  '::1',
  'fc00::1',
  'fd12:3456::1',
  'fe80::1',
  'febf::1',
  'ff02::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:10.0.0.1',
  '::ffff:169.254.169.254',
  '64:ff9b::7f00:1',
  '64:ff9b::a00:1',
  '2002:7f00:1::1',
  '2002:a9fe:a9fe::',
];

describe('Addresses phase 2 may fetch', () => {
  describe('Given an address of the public internet', () => {
    it.each(PUBLIC)('should let %s through', (address) => {
      expect(refusalOf(urlOf(address), false)).toBeUndefined();
    });
  });

  describe('Given an address inside (this machine, a private network, link-local, multicast, reserved)', () => {
    it.each(INTERNAL)('should refuse %s, saying which', (address) => {
      expect(refusalOf(urlOf(address), false)).toMatch(/^Adresse interne refusée \(.+ → .+\)$/);
    });

    it('should let it through when private addresses are allowed', () => {
      expect(INTERNAL.filter((address) => refusalOf(urlOf(address), true) !== undefined)).toEqual([]);
    });
  });

  describe('Given a URL whose host is written another way', () => {
    it.each(['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://[0:0:0:0:0:ffff:127.0.0.1]/'])('should see through %s', (url) => {
      expect(refusalOf(new URL(url), false)).toMatch(/^Adresse interne refusée/);
    });
  });

  describe('Given a host name', () => {
    it('should leave it to the connection, which checks the address it resolves', () => {
      expect(refusalOf(new URL('https://www.hellowork.com/fr-fr/emplois/1.html'), false)).toBeUndefined();
      expect(refusalOf(new URL('http://localhost/'), false)).toBeUndefined();
    });
  });

  describe('Given a scheme other than http(s)', () => {
    it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://8.8.8.8/'])('should refuse %s', (url) => {
      expect(refusalOf(new URL(url), true)).toMatch(/^Adresse refusée : protocole/);
    });
  });
});
