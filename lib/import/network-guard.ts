// The guard against server-side request forgery for URL import: a host may be contacted only when
// every address it resolves to is public unicast, unless an operator allowed it in
// IMPORT_ALLOWED_HOSTS. The same check runs inside the socket's DNS lookup, so an answer that
// changes between the check and the connection (DNS rebinding) cannot slip a private address in.
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { fail, ok, type AppError, type Result } from '../errors';
import { env } from '../env';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Hosts and addresses allowed despite not being public: names, IPs or CIDR ranges. */
export interface AllowList {
  hosts: ReadonlySet<string>;
  addresses: readonly Address[];
  ranges: readonly [Address, number][];
}

/** Resolves a host name to its addresses (all of them, in the resolver's order). */
export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) => (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Parses a comma-separated allow-list such as "127.0.0.1,localhost,10.1.0.0/16". */
export function parseAllowList(raw: string | undefined | null): AllowList {
  const hosts = new Set<string>();
  const addresses: Address[] = [];
  const ranges: [Address, number][] = [];
  for (const entry of (raw ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    const bare = entry.replace(/^\[(.*)\]$/, '$1');
    if (entry.includes('/')) {
      try {
        const [range, bits] = ipaddr.parseCIDR(entry);
        ranges.push([normalised(range), range.kind() === 'ipv6' && normalised(range).kind() === 'ipv4' ? bits - 96 : bits]);
      } catch {
        // Not a CIDR range: ignored, as an unparseable entry must not widen the list.
      }
    } else if (net.isIP(bare)) addresses.push(ipaddr.process(bare));
    else hosts.add(hostKey(entry));
  }
  return { hosts, addresses, ranges };
}

/** The allow-list in IMPORT_ALLOWED_HOSTS (lib/env.ts re-reads it when it changed, for tests). */
export function allowListFromEnv(): AllowList {
  return parseAllowList(env().importAllowedHosts);
}

/** True when the address is public unicast or on the allow-list. */
export function isAllowedAddress(address: string, allow: AllowList): boolean {
  if (!net.isIP(address)) return false;
  // process() turns IPv4-mapped IPv6 (::ffff:10.0.0.1) into the IPv4 address it really is.
  const addr = ipaddr.process(address);
  if (addr.range() === 'unicast') return true;
  if (allow.addresses.some((a) => a.kind() === addr.kind() && a.toNormalizedString() === addr.toNormalizedString())) return true;
  return allow.ranges.some(([range, bits]) => range.kind() === addr.kind() && (addr as ipaddr.IPv4).match(range as ipaddr.IPv4, bits));
}

/**
 * Checks a URL's host before any connection: an IP literal directly, a name through the resolver
 * (every address must pass). Answers the addresses that may be contacted.
 */
export async function checkHost(hostname: string, allow: AllowList, resolve: Resolver): Promise<Result<string[]>> {
  const host = hostKey(hostname);
  if (net.isIP(host)) return isAllowedAddress(host, allow) ? ok([host]) : refuse(`${host} is`);
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    return fail('unprocessable', `Could not find the site ${host}: its name does not resolve (DNS ${errorCode(error) ?? 'lookup failed'}). Check the address.`);
  }
  if (addresses.length === 0) return fail('unprocessable', `Could not find the site ${host}: its name has no address.`);
  if (allow.hosts.has(host)) return ok(addresses);
  return addresses.every((a) => isAllowedAddress(a, allow)) ? ok(addresses) : refuse(`${host} resolves to`);
}

/** Carries the guard's refusal through undici's "fetch failed" error as its cause. */
export class GuardError extends Error {
  readonly code = 'EFACTMARK_GUARD';
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'GuardError';
  }
}

/**
 * A socket `lookup` that resolves through `resolve` and applies checkHost to the answer it hands
 * the socket: the connection goes to an address that was checked, not to a second DNS answer.
 */
export function guardedLookup(allow: AllowList, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    checkHost(hostname, allow, resolve).then(
      (checked) => {
        if (!checked.ok) return callback(new GuardError(checked.error), []);
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const all = checked.value.map((address) => ({ address, family: net.isIP(address) })).filter((a) => !wanted || a.family === wanted);
        if (all.length === 0) return callback(new GuardError({ code: 'unprocessable', message: `The site ${hostname} has no IPv${wanted} address.` }), []);
        if (options.all) callback(null, all);
        else callback(null, all[0].address, all[0].family);
      },
      (error: Error) => callback(error, []),
    );
  };
}

function refuse(what: string): Result<never> {
  return fail('unprocessable', `Factmark does not fetch pages from local or private networks, and ${what} a local or private network address. Only public web pages can be imported.`);
}

/** Lower case, no brackets around IPv6, no trailing root dot. */
export function hostKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function normalised(addr: Address): Address {
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}

function errorCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}
