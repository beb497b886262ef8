/**
 * A fake of MyAnimeList's official API v2 (https://api.myanimelist.net/v2) for the list a sync reads:
 * GET /v2/users/{name}/animelist?fields=list_status,…&limit=N&offset=M&nsfw=true with `X-MAL-CLIENT-ID`, answering
 * {"data":[{"node":{id,title,main_picture,num_episodes,media_type},"list_status":{…}}],"paging":{"next":…}} as MAL
 * does. Unknown user 404 {"error":"not_found","message":""}; a private list 403 {"error":"forbidden"}; a missing or
 * unknown client id 400/401 {"error":"invalid_request"|"invalid_client"}. Faults as in the AniList fake.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeServerBase, type Fault, type FakeServerHandle, type LogEntry } from './anilist-server.ts';

export interface FakeMalListStatus {
  status: 'watching' | 'completed' | 'on_hold' | 'dropped' | 'plan_to_watch';
  score?: number;
  num_episodes_watched?: number;
  is_rewatching?: boolean;
  start_date?: string;
  finish_date?: string;
  num_times_rewatched?: number;
  priority?: number;
  tags?: string[];
  comments?: string;
  updated_at?: string;
}

export interface FakeMalEntry {
  id: number;
  title: string;
  num_episodes?: number;
  media_type?: string;
  list_status: FakeMalListStatus;
}

export interface FakeMalUser {
  entries: FakeMalEntry[];
  private?: boolean;
}

export interface FakeMalApi extends FakeServerHandle {
  /** http://127.0.0.1:PORT/v2/ */
  readonly url: string;
  setUser(name: string, user: FakeMalUser | null): void;
  /** Client ids accepted (default: any non-empty). */
  setClientIds(ids: string[] | null): void;
}

class FakeMalApiServer extends FakeServerBase implements FakeMalApi {
  private readonly users = new Map<string, FakeMalUser>();
  private clientIds: string[] | null = null;

  constructor(users: Record<string, FakeMalUser>) {
    super(false, 0);
    for (const [k, v] of Object.entries(users)) this.users.set(k.toLowerCase(), v);
  }

  protected urlFor(port: number): string {
    return `http://127.0.0.1:${port}/v2/`;
  }
  setUser(name: string, user: FakeMalUser | null): void {
    if (user) this.users.set(name.toLowerCase(), user);
    else this.users.delete(name.toLowerCase());
  }
  setClientIds(ids: string[] | null): void {
    this.clientIds = ids;
  }
  resetRateLimit(): void {}

  private json(res: ServerResponse, entry: LogEntry, status: number, body: unknown): void {
    this.send(res, entry, status, JSON.stringify(body), { 'Content-Type': 'application/json; charset=UTF-8' });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, entry: LogEntry): Promise<void> {
    const fault: Fault | null = this.takeFault(entry);
    if (await this.transportFault(fault, res)) return;
    if (fault?.kind === 'rateLimited') {
      this.send(res, entry, 429, '{"error":"too_many_requests"}', {
        'Content-Type': 'application/json',
        'Retry-After': fault.retryAfterHeader ?? String(fault.retryAfter ?? 1),
      });
      return;
    }
    if (this.rawBodyFault(fault, res, entry)) return;
    if (fault?.kind === 'http') {
      this.send(res, entry, fault.status, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
      return;
    }

    const client = req.headers['x-mal-client-id'];
    if (typeof client !== 'string' || !client)
      return this.json(res, entry, 400, { error: 'invalid_request', message: 'client id is required' });
    if (this.clientIds && !this.clientIds.includes(client))
      return this.json(res, entry, 401, { error: 'invalid_client', message: 'invalid client id' });
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const m = /^\/v2\/users\/([^/]+)\/animelist$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) return this.json(res, entry, 404, { error: 'not_found', message: '' });
    const user = this.users.get(decodeURIComponent(m[1]!).toLowerCase());
    if (!user) return this.json(res, entry, 404, { error: 'not_found', message: '' });
    if (user.private) return this.json(res, entry, 403, { error: 'forbidden', message: '' });
    const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100)));
    const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0));
    const fields = (url.searchParams.get('fields') ?? '').split(',');
    const slice = user.entries.slice(offset, offset + limit);
    const data = slice.map((e) => ({
      node: {
        id: e.id,
        title: e.title,
        main_picture: {
          medium: `https://cdn.myanimelist.net/images/anime/1/${e.id}.jpg`,
          large: `https://cdn.myanimelist.net/images/anime/1/${e.id}l.jpg`,
        },
        ...(fields.includes('num_episodes') ? { num_episodes: e.num_episodes ?? 0 } : {}),
        ...(fields.includes('media_type') ? { media_type: e.media_type ?? 'tv' } : {}),
      },
      ...(fields.includes('list_status')
        ? {
            list_status: {
              score: 0,
              num_episodes_watched: 0,
              is_rewatching: false,
              updated_at: '2026-01-01T00:00:00+00:00',
              ...e.list_status,
            },
          }
        : {}),
    }));
    const paging: Record<string, string> = {};
    if (offset + limit < user.entries.length) {
      const next = new URL(url.toString());
      next.searchParams.set('offset', String(offset + limit));
      paging.next = next.toString();
    }
    if (offset > 0) {
      const prev = new URL(url.toString());
      prev.searchParams.set('offset', String(Math.max(0, offset - limit)));
      paging.previous = prev.toString();
    }
    this.sendMaybeBroken(res, entry, fault, 200, JSON.stringify({ data, paging }), {
      'Content-Type': 'application/json; charset=UTF-8',
    });
  }
}

export async function startFakeMalApi(users: Record<string, FakeMalUser> = {}): Promise<FakeMalApi> {
  const s = new FakeMalApiServer(users);
  await s.listen();
  return s;
}
