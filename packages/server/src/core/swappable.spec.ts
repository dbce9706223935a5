import { swappable } from './swappable';

type Port = { read(): string };

describe('A swappable port', () => {
  it('should reach the adapter in place at each use', () => {
    const ports = swappable<Port>({ read: () => 'first' });
    const { port } = ports;

    ports.replace({ read: () => 'second' });

    expect(port.read()).toBe('second');
  });

  it('should let a spy on one of its methods be restored to the adapter’s own', () => {
    const { port } = swappable<Port>({ read: () => 'adapter' });
    const spy = jest.spyOn(port, 'read').mockReturnValue('spy');
    const spied = port.read();

    spy.mockRestore();

    expect(spied).toBe('spy');
    expect(port.read()).toBe('adapter');
    expect(Object.keys(port)).toEqual(['read']);
  });
});
