import { describe, expect, it } from 'vitest';
import { SECRET_CHANNELS } from '../../../src/main/content-protection';
import { channelsWith } from '../../../src/shared/ipc-contract';

describe("each channel's effects, declared in the contract", () => {
  it('undoing a delete counts as changing tokens, so the tray badge is recounted', () => {
    // vault:restore was missing from main's hand-kept list: Undo left the expiry badge stale.
    expect(channelsWith('changes-tokens').has('vault:restore')).toBe(true);
    expect(channelsWith('changes-tokens').has('vault:remove')).toBe(true);
    // Undoing Python's keyring setup takes its links off the token.
    expect(channelsWith('changes-tokens').has('helper:setup-undo')).toBe(true);
  });

  it('every channel that writes config files refreshes "where used"', () => {
    expect([...channelsWith('changes-files')].sort()).toEqual([
      'config:apply',
      'config:undo',
      'helper:setup-apply',
      'helper:setup-undo',
      'remote:revoke',
      'rotate:run',
      'sweep:import',
    ]);
  });

  it('content protection follows the channels that show a secret', () => {
    expect([...SECRET_CHANNELS].sort()).toEqual(['remote:create', 'vault:reveal']);
  });

  it('a read-only channel has no effect', () => {
    for (const effect of ['changes-tokens', 'changes-files', 'shows-secret'] as const) {
      expect(channelsWith(effect).has('vault:list')).toBe(false);
    }
  });
});
