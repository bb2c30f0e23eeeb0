import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpSend } from '../../lambdas/aws/http-send.ts';
import { closeServer } from '../../lambdas/local/stack/emulators.ts';

let server: Server | undefined;

afterEach(async () => {
  if (server !== undefined) await closeServer(server);
  server = undefined;
});

/** A loopback server; resolves with its origin. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createNodeHttpSend', () => {
  it('sends method, headers and body, and reads a chunked binary answer whole', async () => {
    const seen: { method?: string; target?: string; body: string }[] = [];
    const origin = await serve((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        seen.push({
          method: request.method,
          target: request.headers['x-amz-target'] as string,
          body,
        });
        response.writeHead(400);
        response.write(Buffer.from([0, 255]));
        response.end(Buffer.from([1, 2, 3]));
      });
    });
    const send = createNodeHttpSend();
    const answer = await send({
      url: `${origin}/`,
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      body: '{"TableName":"é"}',
    });
    expect(seen).toEqual([
      { method: 'POST', target: 'DynamoDB_20120810.GetItem', body: '{"TableName":"é"}' },
    ]);
    expect(answer.status).toBe(400);
    expect([...answer.body]).toEqual([0, 255, 1, 2, 3]);
  });

  it('keeps the connection alive between requests', async () => {
    let connections = 0;
    const origin = await serve((_request, response) => response.end('ok'));
    server!.on('connection', () => connections++);
    const send = createNodeHttpSend();
    for (let i = 0; i < 5; i++) {
      const answer = await send({ url: `${origin}/x`, method: 'GET', headers: {} });
      expect(answer.body.toString()).toBe('ok');
    }
    expect(connections).toBe(1);
  });

  it('fails a request whose server goes quiet, and one nobody listens for', async () => {
    const origin = await serve(() => {
      // Never answers.
    });
    const send = createNodeHttpSend({ timeoutMs: 100 });
    await expect(send({ url: `${origin}/`, method: 'GET', headers: {} })).rejects.toThrow(
      'no answer within 100 ms',
    );
    await closeServer(server!);
    server = undefined;
    await expect(send({ url: `${origin}/`, method: 'GET', headers: {} })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
