/**
 * A fake of the published id mapping (`anime-list-full.json` on raw.githubusercontent.com) for anidex's tests: one
 * JSON array of entries in the file's layout (one entry per AniDB anime: anidb_id, anilist_id, mal_id, tvdb_id,
 * themoviedb_id {tv} or {movie: [..]}, imdb_id [..], season {tvdb, tmdb}, episode_offset {tvdb, tmdb}; any field may
 * be missing), served with an ETag and a Last-Modified as GitHub's raw host does, answering 304 to a matching
 * If-None-Match. On 127.0.0.1 and a random port; it can be told to fail.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export type MappingFault = 'http500' | 'hang' | 'not-json' | 'html' | 'empty-array';

export interface FakeMapping {
  /** The file's URL (http://127.0.0.1:PORT/Fribb/anime-lists/master/anime-list-full.json). */
  readonly url: string;
  /** Every request, with its If-None-Match. */
  readonly log: Array<{ path: string; ifNoneMatch: string | null; status: number | null }>;
  /** Replace the file (a new ETag and Last-Modified). */
  setEntries(entries: unknown[], lastModified?: Date): void;
  /** Fail every request this way until cleared (null). */
  setFault(fault: MappingFault | null): void;
  close(): Promise<void>;
}

export async function startFakeMapping(
  entries: unknown[],
  lastModified = new Date('2026-11-20T06:00:00Z'),
): Promise<FakeMapping> {
  let body = '';
  let etag = '';
  let modified = '';
  let fault: MappingFault | null = null;
  const log: FakeMapping['log'] = [];
  const set = (es: unknown[], at: Date): void => {
    // Pretty-printed like the published file, slashes and all.
    body = JSON.stringify(es, null, 2);
    etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 40)}"`;
    modified = at.toUTCString();
  };
  set(entries, lastModified);
  const server = http.createServer((req, res) => {
    const entry = {
      path: req.url ?? '/',
      ifNoneMatch: (req.headers['if-none-match'] as string | undefined) ?? null,
      status: null as number | null,
    };
    log.push(entry);
    const send = (
      status: number,
      text: string,
      type = 'text/plain; charset=utf-8',
      extra: Record<string, string> = {},
    ): void => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), ...extra });
      res.end(text);
    };
    if (fault === 'hang') return;
    if (fault === 'http500') return send(500, '500: Internal Server Error');
    if (!req.url?.endsWith('/anime-list-full.json')) return send(404, '404: Not Found');
    if (fault === 'html') return send(200, '<!DOCTYPE html><html><body>Sign in to continue</body></html>', 'text/html');
    if (fault === 'not-json') return send(200, body.slice(0, Math.floor(body.length / 2)));
    if (fault === 'empty-array') return send(200, '[]');
    if (entry.ifNoneMatch === etag) {
      entry.status = 304;
      res.writeHead(304, { ETag: etag, 'Last-Modified': modified });
      return res.end();
    }
    send(200, body, 'text/plain; charset=utf-8', {
      ETag: etag,
      'Last-Modified': modified,
      'Cache-Control': 'max-age=300',
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/Fribb/anime-lists/master/anime-list-full.json`,
    log,
    setEntries: (es, at = new Date()) => set(es, at),
    setFault: (f) => {
      fault = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
