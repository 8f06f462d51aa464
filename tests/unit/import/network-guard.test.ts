import { describe, expect, it } from 'vitest';
import { checkHost, isAllowedAddress, parseAllowList, type Resolver } from '@/lib/import/network-guard';
import { errorOf, unwrap } from './helpers';

const none = parseAllowList('');
// Pure address checks: nothing here opens a connection or asks DNS.
const noDns: Resolver = async () => {
  throw Object.assign(new Error('no DNS in this test'), { code: 'ENOTFOUND' });
};

describe('network guard', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '192.0.2.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:a00:1::1', '2001:db8::1',
  ])('refuses %s', (address) => {
    expect(isAllowedAddress(address, none)).toBe(false);
  });

  it.each(['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '::ffff:93.184.216.34'])('allows public unicast %s', (address) => {
    expect(isAllowedAddress(address, none)).toBe(true);
  });

  it('allows listed addresses and ranges, and nothing next to them', () => {
    const allow = parseAllowList(' 127.0.0.1 , 10.1.0.0/16, [::1], not a cidr/x ');
    expect(isAllowedAddress('127.0.0.1', allow)).toBe(true);
    expect(isAllowedAddress('::ffff:127.0.0.1', allow)).toBe(true);
    expect(isAllowedAddress('::1', allow)).toBe(true);
    expect(isAllowedAddress('10.1.200.3', allow)).toBe(true);
    expect(isAllowedAddress('127.0.0.2', allow)).toBe(false);
    expect(isAllowedAddress('10.2.0.1', allow)).toBe(false);
  });

  it('checks IP literals without DNS and names through the resolver', async () => {
    expect(errorOf(await checkHost('[::1]', none, noDns)).message).toMatch(/local or private network/);
    expect(unwrap(await checkHost('93.184.216.34', none, noDns))).toEqual(['93.184.216.34']);
    expect(errorOf(await checkHost('nowhere.test', none, noDns)).message).toMatch(/Could not find the site nowhere\.test/);
    // One private answer among public ones is enough to refuse.
    const mixed: Resolver = async () => ['93.184.216.34', '10.0.0.1'];
    expect(errorOf(await checkHost('mixed.test', none, mixed)).message).toMatch(/mixed\.test resolves to a local or private/);
  });

  it('lets a listed host name resolve to anything, case and trailing dot aside', async () => {
    const loopback: Resolver = async () => ['127.0.0.1', '::1'];
    expect(unwrap(await checkHost('LocalHost.', parseAllowList('localhost'), loopback))).toEqual(['127.0.0.1', '::1']);
    expect(errorOf(await checkHost('localhost', none, loopback)).code).toBe('unprocessable');
  });
});
