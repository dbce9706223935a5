/**
 * The IMAP servers of the mail providers most French job seekers use: choosing one fills the
 * server, the port and TLS, and says which password the provider wants and where to get it.
 */
export type MailPreset = {
  readonly id: string;
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** Which password to type, in French. */
  readonly help: string;
  /** Where to create or find that password. */
  readonly link: { readonly href: string; readonly text: string };
};

const IMAPS = 993;

export const MAIL_PRESETS: readonly MailPreset[] = [
  {
    id: 'gmail',
    label: 'Gmail',
    host: 'imap.gmail.com',
    port: IMAPS,
    secure: true,
    help: "Gmail refuse votre mot de passe habituel : activez la validation en deux étapes, puis créez un mot de passe d'application (16 lettres) et collez-le ici.",
    link: { href: 'https://myaccount.google.com/apppasswords', text: "Créer un mot de passe d'application Google" },
  },
  {
    id: 'outlook',
    label: 'Outlook / Office 365',
    host: 'outlook.office365.com',
    port: IMAPS,
    secure: true,
    help: "Avec la validation en deux étapes, Microsoft demande un mot de passe d'application. Un compte professionnel peut avoir l'IMAP désactivé par son administrateur.",
    link: { href: 'https://account.live.com/proofs/AppPassword', text: "Créer un mot de passe d'application Microsoft" },
  },
  {
    id: 'yahoo',
    label: 'Yahoo',
    host: 'imap.mail.yahoo.com',
    port: IMAPS,
    secure: true,
    help: "Yahoo refuse votre mot de passe habituel : dans « Sécurité du compte », créez un mot de passe d'application et collez-le ici.",
    link: { href: 'https://login.yahoo.com/account/security', text: 'Sécurité du compte Yahoo' },
  },
  {
    id: 'free',
    label: 'Free',
    host: 'imap.free.fr',
    port: IMAPS,
    secure: true,
    help: "Free n'a pas de mot de passe d'application : utilisez celui de votre adresse Free.",
    link: { href: 'https://webmail.free.fr', text: 'Messagerie Free' },
  },
  {
    id: 'orange',
    label: 'Orange',
    host: 'imap.orange.fr',
    port: IMAPS,
    secure: true,
    help: "Orange n'a pas de mot de passe d'application : utilisez celui de votre compte Orange.",
    link: { href: 'https://messagerie.orange.fr', text: 'Messagerie Orange' },
  },
  {
    id: 'sfr',
    label: 'SFR',
    host: 'imap.sfr.fr',
    port: IMAPS,
    secure: true,
    help: "SFR n'a pas de mot de passe d'application : utilisez celui de votre adresse SFR.",
    link: { href: 'https://webmail.sfr.fr', text: 'Messagerie SFR' },
  },
  {
    id: 'laposte',
    label: 'La Poste',
    host: 'imap.laposte.net',
    port: IMAPS,
    secure: true,
    help: "Utilisez le mot de passe de votre adresse laposte.net ; vérifiez dans ses paramètres que l'accès par un logiciel de messagerie est autorisé.",
    link: { href: 'https://www.laposte.net', text: 'Messagerie La Poste' },
  },
];

export function presetById(id: string): MailPreset | undefined {
  return MAIL_PRESETS.find((preset) => preset.id === id);
}

/** The provider of a server already saved or typed, so its help shows without choosing it again. */
export function presetForHost(host: string): MailPreset | undefined {
  const name = host.trim().toLowerCase();
  return MAIL_PRESETS.find((preset) => preset.host === name);
}
