// Access rules of the headless server: a random token on every request and socket, compared in constant time;
// Host and Origin must be the loopback address the server was started on (defeats DNS rebinding and
// cross-site WebSocket hijacking).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'daq_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison: hashing first makes the lengths equal, so nothing leaks through timing. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function tokenFromRequest(req: IncomingMessage): string | undefined {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('token');
  if (q) return q;
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The host:port values a browser may use to reach this server (an IPv6 host comes in brackets). */
export function allowedHosts(host: string, port: number): Set<string> {
  const hosts = new Set([`${host}:${port}`]);
  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') {
    hosts.add(`127.0.0.1:${port}`);
    hosts.add(`localhost:${port}`);
    hosts.add(`[::1]:${port}`);
  }
  return hosts;
}

export type AccessVerdict = { ok: true } | { ok: false; status: 401 | 403 | 421; reason: string };

export function checkAccess(req: IncomingMessage, token: string, hosts: Set<string>): AccessVerdict {
  const host = req.headers.host ?? '';
  if (!hosts.has(host)) {
    return { ok: false, status: 421, reason: `Host "${host.slice(0, 100)}" is not this server. Open the URL printed by \`daq serve\`.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      const u = new URL(origin);
      originHost = u.protocol === 'http:' ? u.host : '';
    } catch {
      originHost = '';
    }
    if (!hosts.has(originHost)) {
      return { ok: false, status: 403, reason: `Origin "${origin.slice(0, 100)}" may not use this server. Open the URL printed by \`daq serve\`.` };
    }
  }
  const given = tokenFromRequest(req);
  if (!given || !tokensEqual(given, token)) {
    return { ok: false, status: 401, reason: 'Missing or wrong token. Open the full URL printed by `daq serve`, including ?token=…' };
  }
  return { ok: true };
}
