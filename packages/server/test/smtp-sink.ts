// A real SMTP server for mail tests (the `smtp-server` package), keeping every message it accepts with
// its envelope, and a small MIME reader for the multipart/alternative messages the server sends.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One accepted message. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  /** Header lines as received (folded lines joined), in order. */
  headerLines: string[];
  header(name: string): string | undefined;
  text: string;
  html: string;
}

/** A running SMTP server and what it received. */
export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        received.push(parseMail(Buffer.concat(chunks).toString('utf8'), envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function splitHead(raw: string): { lines: string[]; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  return { lines: head.split('\r\n'), body: raw.slice(at + 4) };
}

function headerOf(lines: string[], name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  return lines
    .find((l) => l.toLowerCase().startsWith(prefix))
    ?.slice(prefix.length)
    .trim();
}

function decodeBody(lines: string[], body: string): string {
  const encoding = headerOf(lines, 'Content-Transfer-Encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function decodeQuotedPrintable(body: string): string {
  const text = body.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMail(raw: string, envelope: ReceivedMail['envelope']): ReceivedMail {
  const { lines, body } = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headerOf(lines, 'Content-Type') ?? '')?.[1];
  let text = '';
  let html = '';
  for (const part of boundary ? body.split(`--${boundary}`) : []) {
    if (!part.includes('\r\n\r\n')) continue;
    const parsed = splitHead(part.replace(/^\r\n/, ''));
    const type = headerOf(parsed.lines, 'Content-Type') ?? '';
    const content = decodeBody(parsed.lines, parsed.body.replace(/\r\n$/, ''));
    if (type.startsWith('text/plain')) text = content;
    if (type.startsWith('text/html')) html = content;
  }
  return { envelope, raw, headerLines: lines, header: (name) => headerOf(lines, name), text, html };
}
