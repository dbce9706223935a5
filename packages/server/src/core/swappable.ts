/**
 * A port whose adapter the settings page may replace while Veille runs: everyone keeps the one
 * reference `port`, and each use of it reaches the adapter in place at that moment. Phases and
 * routes capture their ports once, at creation; this keeps them unaware of a change of adapter.
 */
export function swappable<T extends object>(initial: T): { readonly port: T; current(): T; replace(next: T): T } {
  let current = initial;
  const port = new Proxy({} as T, {
    // Methods are handed as they are: called on the port, their `this` is the port, which reads the adapter in place.
    get: (_target, key) => Reflect.get(current, key) as unknown,
    // A field the core sets on the port (the storage's load error) lands on the adapter in place.
    set: (_target, key, value) => Reflect.set(current, key, value),
    has: (_target, key) => Reflect.has(current, key),
    // Reading, redefining and deleting a property reach the adapter too: without them the port
    // looks empty to whoever inspects it (jest.spyOn's restore deleted nothing and left its mock).
    getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(current, key),
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(current, key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(current, key),
    ownKeys: () => Reflect.ownKeys(current),
  });
  return {
    port,
    current: () => current,
    replace: (next) => {
      const previous = current;
      current = next;
      return previous;
    },
  };
}
