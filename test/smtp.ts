// A real SMTP server on 127.0.0.1 for the tests, and just enough MIME to read what it got.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';


export type Received = { mailFrom: string; rcptTo: string[]; headers: Record<string, string>; subject: string; body: string };

export async function smtpServer(port = 0) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const message = parseMessage(Buffer.concat(chunks).toString('latin1'));
        received.push({ mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address), ...message });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    received,
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: open a server, note its port, close it. */
export async function closedPort(): Promise<number> {
  const s = await smtpServer();
  await s.close();
  return s.port;
}

/** Headers (unfolded, names lower-cased) and the decoded text body of a single-part message. */
function parseMessage(raw: string): { headers: Record<string, string>; subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const rawBody = raw.slice(split + 4);
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes = cte === 'base64' ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64')
    : cte === 'quoted-printable' ? qpBytes(rawBody.replace(/=\r\n/g, ''))
    : Buffer.from(rawBody, 'latin1');
  return { headers, subject: decodeWords(headers.subject ?? ''), body: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

const qpBytes = (s: string) => {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(s.charCodeAt(i));
  }
  return Buffer.from(out);
};

/** RFC 2047 encoded words (B or Q, UTF-8); adjacent words are joined before decoding, as one character may span two. */
function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  const parts: (string | Buffer)[] = [];
  let last = 0;
  for (let m = word.exec(value); m; m = word.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(parts.length && Buffer.isBuffer(parts[parts.length - 1]) && /^\s*$/.test(between))) parts.push(between);
    const bytes = m[2].toUpperCase() === 'B' ? Buffer.from(m[3], 'base64') : qpBytes(m[3].replace(/_/g, ' '));
    const prev = parts[parts.length - 1];
    if (Buffer.isBuffer(prev)) parts[parts.length - 1] = Buffer.concat([prev, bytes]);
    else parts.push(bytes);
    last = word.lastIndex;
  }
  parts.push(value.slice(last));
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : p)).join('');
}
