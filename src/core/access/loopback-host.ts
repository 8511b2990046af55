import net from 'node:net';

/**
 * True for a host name that cannot leave this machine: localhost, 127.0.0.0/8, ::1 (as URL
 * hostnames spell them, IPv6 in brackets). Plain http is harmless only there.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}
