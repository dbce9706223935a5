/** The simulated internet's addresses and names, shared by its servers, the Veille run and the test. */
export const PUBLIC_ADDRESS = '203.0.113.10';

export const NAMES = {
  /** A job board on the public internet. */
  board: 'offres.example.test',
  /** A name that answers the board's public address first, then 127.0.0.1: DNS rebinding. */
  rebinding: 'rebind.example.test',
  /** A name that answers a private address. */
  internal: 'interne.example.test',
} as const;

export const SENDER = 'alerte@emails.hellowork.com';

/** Every offer the run enriches, by what it tries. */
export const URLS = {
  board: `http://${NAMES.board}/fr-fr/emplois/70123456.html`,
  rebinding: `http://${NAMES.rebinding}/fr-fr/emplois/70123457.html`,
  internalName: `http://${NAMES.internal}/fr-fr/emplois/70123458.html`,
  loopbackLiteral: 'http://127.0.0.1/fr-fr/emplois/70123459.html',
  ipv6LoopbackLiteral: 'http://[::1]/fr-fr/emplois/70123460.html',
  redirectInside: `http://${NAMES.board}/fr-fr/emplois/70123461.html`,
} as const;

/** Where the board's redirecting page sends its visitors: this machine, by name. */
export const INSIDE_TARGET = 'http://localhost/admin';

/** Words of the board's job description, to find in the text Veille keeps. */
export const DESCRIPTION_WORDS = 'Vous construirez les pipelines de données de nos 40 agences';

/** Words of the page only the loopback server serves: they must never reach an offer. */
export const SECRET_WORDS = 'Console interne : jeton d’administration';
