import nodemailer from 'nodemailer';
import type { Mailer } from '../../shared/mailer.js';

/**
 * A {@link Mailer} over SMTP (`smtp://host:port` or `smtps://user:pass@host:port`). nodemailer encodes
 * every header (RFC 2047 for display names and subjects, so a CR or LF in them cannot start a header),
 * and folds or quoted-printable-encodes long body lines (RFC 5322's 998-character limit).
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      const info = await transport.sendMail({
        from,
        to: { name: message.to.name, address: message.to.address },
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        // Never derive the envelope from the headers: only the one recipient.
        envelope: { from, to: [message.to.address] },
      });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
