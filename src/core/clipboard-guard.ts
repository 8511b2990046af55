/** The port to the system clipboard; Electron's clipboard in the app, a real or in-memory one elsewhere. */
export interface ClipboardPort {
  /** Writes text, marked as concealed for clipboard managers where the platform allows. */
  writeSecret(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void> | void;
}

export interface TimerPort {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: TimerPort = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending clear must not keep a CLI process alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * Copies a secret and clears the clipboard after a delay, but only if it still holds what we put
 * there: if the user copied something else meanwhile, that stays. Only a hash of the secret is
 * kept while waiting, never the value.
 */
export class ClipboardGuard {
  private pending: { handle: unknown; digest: string } | undefined;

  constructor(
    private readonly clipboard: ClipboardPort,
    readonly clearAfterMs: number,
    private readonly timers: TimerPort = realTimers,
  ) {}

  async copy(secret: string): Promise<void> {
    this.cancel();
    await this.clipboard.writeSecret(secret);
    const digest = await hash(secret);
    const handle = this.timers.setTimeout(
      () => void this.clearIfUnchanged(digest).catch(() => undefined),
      this.clearAfterMs,
    );
    this.pending = { handle, digest };
  }

  /** Clears now if the clipboard still holds our value (called on quit, too). */
  async flush(): Promise<void> {
    if (this.pending) await this.clearIfUnchanged(this.pending.digest);
  }

  private async clearIfUnchanged(digest: string): Promise<void> {
    this.cancel();
    if ((await hash(await this.clipboard.readText())) === digest) await this.clipboard.clear();
  }

  private cancel(): void {
    if (this.pending) this.timers.clearTimeout(this.pending.handle);
    this.pending = undefined;
  }
}

// node:crypto on first copy, not at start-up (see fs/random-hex.ts for the cost).
async function hash(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}

/** An honest in-memory clipboard, for the CLI-less test bridge and unit tests. */
export class MemoryClipboard implements ClipboardPort {
  text = '';
  concealed = false;
  async writeSecret(text: string): Promise<void> {
    this.text = text;
    this.concealed = true;
  }
  async readText(): Promise<string> {
    return this.text;
  }
  clear(): void {
    this.text = '';
    this.concealed = false;
  }
}
