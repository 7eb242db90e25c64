// Access rules of the headless server. The static UI holds no secret: it is served to any request whose Host
// (and Origin, when present) is the loopback address the server was started on (defeats DNS rebinding). The
// Api is reached only over the WebSocket, which also needs a random token, compared in constant time. No cookie
// carries the token: browsers send a host's cookies to every port, so any other local service would receive it
// (docs/security.md). Every parsing step here is total: malformed input gives a verdict, never an exception.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison: hashing first makes the lengths equal, so nothing leaks through timing. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The request target (`/path?query`) parsed without ever throwing. Only the origin form is accepted: a target
 * that does not start with a single "/" ("//[", "*", "http://…") or that the URL parser refuses gives undefined.
 */
export function parseTarget(raw: string | undefined): URL | undefined {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.length > 8192) return undefined;
  try {
    // Glued to a fixed origin instead of resolved against it, so the target can never name another host.
    return new URL(`http://x${raw}`);
  } catch {
    return undefined;
  }
}

/** The token a WebSocket upgrade presents (`/ws?token=…`); never read from cookies. */
export function tokenFromRequest(req: IncomingMessage): string | undefined {
  return parseTarget(req.url)?.searchParams.get('token') ?? undefined;
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

export type AccessVerdict = { ok: true } | { ok: false; status: 400 | 401 | 403 | 421; reason: string };

/** Host and Origin only: what the static UI files need. */
export function checkOrigin(req: IncomingMessage, hosts: Set<string>): AccessVerdict {
  const host = typeof req.headers.host === 'string' ? req.headers.host : '';
  if (!hosts.has(host)) {
    return { ok: false, status: 421, reason: `Host "${host.slice(0, 100)}" is not this server. Open the URL printed by \`daq serve\`.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      const u = new URL(String(origin));
      originHost = u.protocol === 'http:' ? u.host : '';
    } catch {
      originHost = '';
    }
    if (!hosts.has(originHost)) {
      return { ok: false, status: 403, reason: `Origin "${String(origin).slice(0, 100)}" may not use this server. Open the URL printed by \`daq serve\`.` };
    }
  }
  if (!parseTarget(req.url)) return { ok: false, status: 400, reason: 'Malformed request target.' };
  return { ok: true };
}

/** Host, Origin and the token: what the WebSocket (the Api) needs. */
export function checkAccess(req: IncomingMessage, token: string, hosts: Set<string>): AccessVerdict {
  const verdict = checkOrigin(req, hosts);
  if (!verdict.ok) return verdict;
  const given = tokenFromRequest(req);
  if (!given || !tokensEqual(given, token)) {
    return { ok: false, status: 401, reason: 'Missing or wrong token. Open the full URL printed by `daq serve`, including #token=…' };
  }
  return { ok: true };
}
