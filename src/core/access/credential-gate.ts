import { registryBase } from '../registries/registry-url';
import type { Consent } from './consent';
import { isLoopbackHost } from './loopback-host';

/**
 * Guards what leaves the machine: a credential (password, session or API token) goes to a
 * registry only if Keyport already holds an account there, or the user said yes in main's native
 * dialog this session. Plain http to another machine always asks once per session.
 */
export class CredentialGate {
  /** Origins the user approved this session: one question per host, not one per request. */
  private readonly approved = new Set<string>();

  constructor(
    private readonly consent: Consent,
    /**
     * Registries whose credentials came through this gate before: accounts and the tokens they
     * created. Not pasted or imported tokens: their registry is text the renderer chose without
     * any dialog, so counting them would let a page launder a host through vault:add.
     */
    private readonly trustedRegistries: () => Promise<string[]>,
  ) {}

  async beforeSending(registry: string): Promise<void> {
    const url = registryBase(registry);
    if (this.approved.has(url.origin)) return;
    const plainHttp = url.protocol === 'http:' && !isLoopbackHost(url.hostname);
    const known = (await this.trustedRegistries()).some((r) => hostOf(r) === url.host);
    if (known && !plainHttp) return;
    await this.consent.ask({
      title: known ? 'Unencrypted connection' : 'New registry',
      message: `Send your credentials to ${url.host}?`,
      detail: [
        known ? null : `Keyport has never sent a credential to ${url.host}.`,
        plainHttp
          ? 'The address starts with http://, so anyone on the network can read them.'
          : null,
        'Continue only if you typed this address yourself.',
      ]
        .filter(Boolean)
        .join(' '),
      confirmLabel: 'Send',
    });
    this.approved.add(url.origin);
  }
}

function hostOf(registry: string): string | null {
  try {
    return registryBase(registry).host;
  } catch {
    return null;
  }
}
