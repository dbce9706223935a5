/** The user's SMTP server and where the digest goes. */
export type SmtpConfig = {
  readonly host: string;
  readonly port: number;
  /** TLS from the start (465); false: STARTTLS when the server offers it (587). */
  readonly secure: boolean;
  /** '' for a server that takes mail without a login (a local relay). */
  readonly user: string;
  readonly password: string;
  /** The digest's recipient. */
  readonly to: string;
};
