import { type AddressInfo, type Socket, createServer } from 'node:net';

export interface ReceivedMail {
  to: string[];
  /** The message as sent (headers and body), dot-stuffing undone. */
  data: string;
  subject: string;
  /** The body, quoted-printable decoded. */
  text: string;
}

function parse(to: string[], data: string): ReceivedMail {
  const split = data.indexOf('\n\n');
  const headers = data.slice(0, split);
  let text = data.slice(split + 2);
  if (/^content-transfer-encoding: quoted-printable/im.test(headers)) {
    text = text
      .replace(/=\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return { to, data, subject: /^subject: (.*)$/im.exec(headers)?.[1] ?? '', text };
}

/**
 * A small SMTP server for tests, in one of three moods: `accept` speaks SMTP and keeps what it
 * receives; `hold` accepts the connection and says nothing (a mail server that hangs); `refuse`
 * answers 421 and hangs up (one that is down). Switching to `accept` greets the held connections
 * too, so a send that was waiting goes through.
 */
export async function startSmtpServer(mood: 'accept' | 'hold' | 'refuse' = 'accept') {
  const received: ReceivedMail[] = [];
  const held = new Set<Socket>();
  let connections = 0;
  let current = mood;

  const converse = (socket: Socket) => {
    held.delete(socket);
    let buffer = '';
    let to: string[] = [];
    let data: string[] | null = null;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    socket.on('data', (chunk) => {
      buffer += String(chunk);
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line !== '.') data.push(line.startsWith('..') ? line.slice(1) : line);
          else {
            received.push(parse(to, data.join('\n')));
            [data, to] = [null, []];
            reply('250 queued');
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 fake.smtp');
        else if (verb === 'MAIL') reply('250 ok');
        else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 ok');
        } else if (verb === 'DATA') {
          data = [];
          reply('354 go on');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 ok');
      }
    });
    reply('220 fake.smtp ESMTP');
  };

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('close', () => held.delete(socket));
    if (current === 'accept') converse(socket);
    else if (current === 'hold') held.add(socket);
    else socket.end('421 fake.smtp not available\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Connections open now and waiting for a greeting that does not come. */
    held: () => held.size,
    /** Every connection ever made, whatever the mood. */
    connections: () => connections,
    mailsTo: (address: string) => received.filter((m) => m.to.includes(address)),
    setMood(next: 'accept' | 'hold' | 'refuse') {
      current = next;
      if (next === 'accept') for (const socket of [...held]) converse(socket);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;
