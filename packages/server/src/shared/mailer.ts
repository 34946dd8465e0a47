/** One e-mail as modules compose it; the platform's mailer encodes the headers (no injection through them). */
export interface MailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Extra headers (e.g. `List-Unsubscribe`); values are plain strings the mailer encodes. */
  headers: Record<string, string>;
}

/** Sends e-mail (platform/mail implements it over SMTP). Modules never know the transport. */
export interface Mailer {
  /** Sends one message; resolves with the message id the server accepted it under. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}

/** Where digests go out from, and where their links point. */
export interface MailSettings {
  mailer: Mailer;
  /** The server's public base URL, e.g. `https://meanwhile.example.com` (no trailing slash). */
  publicUrl: string;
}
