import type { HelperRefusal } from './types';

/**
 * "refused by git on HOST at TIME": a server's last word on a token, through a credential
 * helper. One sentence for the CLI and the app's token details.
 */
export function refusalText(r: HelperRefusal): string {
  return `refused by ${r.client} on ${r.host} at ${r.at.slice(0, 16).replace('T', ' ')} UTC`;
}
