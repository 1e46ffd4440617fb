// Where requests go: an override (sandbox, private endpoint) or the region's public endpoint.
import { EcsError } from './errors';

export interface EndpointTarget {
  /** `host[:port]`, as the SDK wants it. */
  host: string;
  protocol: 'http' | 'https';
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const REGION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Parses `host[:port]` or an `http(s)://host[:port]` URL. Without a scheme, loopback hosts
 * (the sandbox) speak http and everything else https.
 */
export function parseEndpoint(text: string): EndpointTarget {
  const trimmed = text.trim();
  // Every refusal quotes this, never the text itself: what was typed before an '@' may be a password.
  const shown = withoutUserInfo(trimmed);
  const withScheme = SCHEME.test(trimmed) ? trimmed : `none://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(shown, 'it is not a host name or URL');
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'none' && scheme !== 'http' && scheme !== 'https') throw invalid(shown, `${scheme} is not http or https`);
  if (url.username || url.password) {
    throw invalid(scheme === 'none' ? url.host : `${scheme}://${url.host}`, 'it must not carry a user name or password');
  }
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) throw invalid(shown, 'it must not have a path or query');
  const hostname = url.hostname;
  if (!hostname || (!HOST.test(hostname) && hostname !== '[::1]')) throw invalid(shown, 'the host name is not valid');
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  const protocol = scheme === 'none' ? (LOOPBACK.has(hostname) ? 'http' : 'https') : scheme;
  return { host, protocol };
}

/** The public ECS endpoint of a region, used until DescribeRegions tells us better. */
export function defaultRegionEndpoint(regionId: string): EndpointTarget {
  return { host: `ecs.${checkRegionId(regionId)}.aliyuncs.com`, protocol: 'https' };
}

export function checkRegionId(regionId: string): string {
  if (!REGION_ID.test(regionId)) {
    throw new EcsError({
      kind: 'api',
      code: 'InvalidRegionId.MalFormed', // ECS's own spelling, so the catalog's advice applies
      message: `'${regionId}' is not a region ID (expected something like cn-hangzhou).`,
      retryable: false,
    });
  }
  return regionId;
}

export function isHostName(value: string): boolean {
  return HOST.test(value);
}

/**
 * The endpoint text with everything between the scheme and the last '@' replaced by ***: any '@'
 * may end a user:password, even in text that is not a URL (a password may hold '/', '@' or spaces).
 */
function withoutUserInfo(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  return `${SCHEME.exec(text)?.[0] ?? ''}***${text.slice(at)}`;
}

function invalid(text: string, why: string): EcsError {
  return new EcsError({
    kind: 'network',
    code: 'InvalidEndpoint',
    message: `The endpoint '${text}' cannot be used: ${why}.`,
    retryable: false,
  });
}
