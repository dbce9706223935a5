/** Runes everywhere: a component written the Svelte 4 way fails to build instead of half-working. */
export default {
  compilerOptions: { runes: true },
};
