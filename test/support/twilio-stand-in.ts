import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A STAND-IN for Twilio's Messages API, written from its public documentation, on loopback: not
 * Twilio. It checks what a request to Twilio must carry (the account in the path, Basic auth with
 * the account SID and auth token, a form with To, Body and From or MessagingServiceSid) and answers
 * as Twilio does: 201 with the message's SID; 400 with code 21211 for a number that is not E.164,
 * 21614 for one that is no mobile (+1 555 01xx here); 401 code 20003 for bad credentials. It can be
 * told to answer the next requests with an outage (503) or a rate limit (429).
 */
export async function startTwilioStandIn(credentials: { accountSid: string; authToken: string }): Promise<{
  url: string;
  delivered: () => readonly { to: string; text: string; from: string; sid: string }[];
  failNext: (status: 429 | 503, times?: number) => void;
  stop: () => Promise<void>;
}> {
  const delivered: { to: string; text: string; from: string; sid: string }[] = [];
  const failures: number[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: Record<string, unknown>) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method !== 'POST' || request.url !== `/2010-04-01/Accounts/${credentials.accountSid}/Messages.json`) return answer(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      if (request.headers.authorization !== expectedAuth) return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
      const failure = failures.shift();
      if (failure) return answer(failure, { code: failure === 429 ? 20429 : 20500, message: failure === 429 ? 'Too Many Requests' : 'Service unavailable', status: failure });
      if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return answer(415, { code: 20415, message: 'Unsupported media type', status: 415 });
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      const from = form.get('From') ?? form.get('MessagingServiceSid') ?? '';
      const text = form.get('Body') ?? '';
      if (!from) return answer(400, { code: 21603, message: "A 'From' phone number is required.", status: 400 });
      if (!/^\+[1-9]\d{7,14}$/.test(to)) return answer(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      if (to.startsWith('+155501')) return answer(400, { code: 21614, message: `'To' number ${to} is not a valid mobile number`, status: 400 });
      const sid = `SM${randomBytes(16).toString('hex')}`;
      delivered.push({ to, text, from, sid });
      answer(201, { sid, status: 'queued', to, from, body: text, account_sid: credentials.accountSid });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    delivered: () => [...delivered],
    failNext: (status, times = 1) => failures.push(...Array<number>(times).fill(status)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
