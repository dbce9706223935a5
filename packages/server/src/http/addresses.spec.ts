import type os from 'node:os';
import { describeListening, isLoopbackHost, listeningOn } from './addresses';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

const entry = (address: string, family: 'IPv4' | 'IPv6', internal: boolean, scopeid = 0) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid } : {}) }) as never;

const machine: Interfaces = {
  lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
  eth0: [entry('192.168.1.10', 'IPv4', false), entry('fe80::1', 'IPv6', false, 2), entry('2001:db8::10', 'IPv6', false)],
};

describe('Where Veille listens', () => {
  describe('Given a loopback HOST', () => {
    it.each(['127.0.0.1', '127.0.1.1', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])('should know %s is loopback', (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    });

    it('should print the one address it bound', () => {
      expect(describeListening(listeningOn('127.0.0.1', 3000, machine))).toBe('Veille démarre : ouvrez http://127.0.0.1:3000');
    });
  });

  describe('Given a HOST beyond loopback', () => {
    it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', '::ffff:192.168.1.10', 'veille.maison.lan', '128.0.0.1'])(
      'should not take %s for loopback',
      (host) => {
        expect(isLoopbackHost(host)).toBe(false);
      },
    );

    it('should print the bound address, never 127.0.0.1, and keep the URL it reaches itself at', () => {
      const listening = listeningOn('192.168.1.10', 3000, machine);

      expect(describeListening(listening)).toBe('Veille démarre : ouvrez http://192.168.1.10:3000');
      expect(listening.url).toBe('http://192.168.1.10:3000');
    });

    it('should say 0.0.0.0 is every interface and list the IPv4 addresses, keeping loopback for itself', () => {
      const listening = listeningOn('0.0.0.0', 3000, machine);

      expect(describeListening(listening)).toBe(
        ['Veille écoute sur toutes les interfaces (0.0.0.0:3000) :', '  http://127.0.0.1:3000', '  http://192.168.1.10:3000'].join('\n'),
      );
      expect(listening.url).toBe('http://127.0.0.1:3000');
    });

    it('should list IPv6 addresses too for ::, except link-local ones that need a zone', () => {
      const listening = listeningOn('::', 3000, machine);

      expect(listening.bound).toBe('[::]:3000');
      expect(listening.urls).toEqual(['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://192.168.1.10:3000', 'http://[2001:db8::10]:3000']);
    });
  });
});
