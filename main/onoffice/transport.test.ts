import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startTestServer, type Handler, type TestServer } from '../../tests/support/http-server.ts';
import { render } from '../domain/i18n/index.ts';
import { explainTransportError } from './errors.ts';
import { httpTransport, type TransportRequest } from './transport.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function send(handler: Handler, overrides: Partial<TransportRequest> = {}) {
  server = await startTestServer(handler);
  return httpTransport({ url: server.url, body: '{"x":1}', connectTimeoutMs: 2_000, totalTimeoutMs: 5_000, maxResponseBytes: 1_000_000, ...overrides });
}

describe('httpTransport', () => {
  it('POSTs the body as JSON and returns status, Date header and body', async () => {
    let seen: { method?: string; type?: string; encoding?: string } = {};
    const outcome = await send((req, res) => {
      seen = { method: req.method, type: req.headers['content-type'], encoding: req.headers['accept-encoding'] };
      res.writeHead(200, { 'Content-Type': 'application/json', Date: 'Wed, 01 Jan 2025 10:00:00 GMT' });
      res.end('{"ok":true}');
    });
    expect(seen).toEqual({ method: 'POST', type: 'application/json', encoding: 'gzip, deflate' });
    expect(server?.bodies).toEqual(['{"x":1}']);
    expect(outcome).toEqual({
      ok: true,
      response: { status: 200, date: 'Wed, 01 Jan 2025 10:00:00 GMT', contentType: 'application/json', body: '{"ok":true}' },
    });
  });

  it('decompresses gzip', async () => {
    const outcome = await send((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(gzipSync('{"zipped":"ä"}'));
    });
    expect(outcome).toMatchObject({ ok: true, response: { body: '{"zipped":"ä"}' } });
  });

  it('reports damaged gzip as malformed', async () => {
    const outcome = await send((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(Buffer.from('not gzip at all'));
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('gives up after the total timeout when the server never answers', async () => {
    const outcome = await send(() => undefined, { totalTimeoutMs: 300 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout-total', message: expect.stringContaining('300 ms') } });
  });

  it('caps the response size', async () => {
    const outcome = await send(
      (_req, res) => {
        res.writeHead(200);
        res.end('x'.repeat(10_000));
      },
      { maxResponseBytes: 1_000 },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('caps the decompressed size too (a gzip bomb does not fill memory)', async () => {
    const outcome = await send(
      (_req, res) => {
        res.writeHead(200, { 'Content-Encoding': 'gzip' });
        res.end(gzipSync(Buffer.alloc(5_000_000, 32)));
      },
      { maxResponseBytes: 100_000 },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('reports a body cut short as a reset connection', async () => {
    const outcome = await send((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"status":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'connection-reset' } });
  });

  it('reports a connection reset before any answer', async () => {
    const outcome = await send((req) => req.socket.destroy());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(['connection-reset', 'network']).toContain(outcome.error.code);
  });

  it('reports a refused connection', async () => {
    const port = await freePort();
    const outcome = await httpTransport({
      url: new URL(`http://127.0.0.1:${port}/api.php`),
      body: '{}',
      connectTimeoutMs: 2_000,
      totalTimeoutMs: 5_000,
      maxResponseBytes: 1_000,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'connection-refused' } });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = send(() => undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'aborted' } });
  });

  it('tells https:// to a port that answers plain HTTP apart from a certificate problem', async () => {
    server = await startTestServer((_req, res) => res.end('{}'));
    const url = new URL(server.url);
    url.protocol = 'https:';
    const outcome = await httpTransport({ url, body: '{}', connectTimeoutMs: 2_000, totalTimeoutMs: 5_000, maxResponseBytes: 1_000 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'plain-http' } });
    if (outcome.ok) return;
    // OpenSSL's own words stay only in the technical detail line, after the explanation a person reads.
    const e = explainTransportError(outcome.error.code, { detail: outcome.error.message, endpointHost: url.host });
    for (const language of ['de', 'en'] as const) {
      const [explanation, detail] = render(language, e.explanation).split(/Technische Angabe: |Technical detail: /);
      expect(explanation, language).toContain(url.host);
      expect(explanation, language).toMatch(/HTTP/);
      expect(explanation, language).not.toMatch(/SSL|version number|packet length|certificate is invalid|Zertifikat ungültig/i);
      expect(detail, language).toBe(outcome.error.message.trim());
    }
    expect(render('en', e.fix)).toContain('http://');
    expect(render('de', e.title)).not.toBe(render('en', e.title));
  });

  it('passes non-200 answers through for the client to judge', async () => {
    const outcome = await send((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    expect(outcome).toMatchObject({ ok: true, response: { status: 502, contentType: 'text/html' } });
  });
});
