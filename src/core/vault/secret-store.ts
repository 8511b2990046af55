/** The port to wherever secrets live. The app uses the OS keychain; unit tests an in-memory map. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Returns false when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
  /** Every account stored under this store's service (used to reconcile after a crash). */
  accounts(): Promise<string[]>;
}

/** An honest in-memory store for unit tests and benchmarks: same contract, no persistence. */
export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.map.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.map.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.map.delete(account);
  }
  async accounts(): Promise<string[]> {
    return [...this.map.keys()];
  }
  /** Test helper: every stored value, to prove where a secret is (and is not). */
  values(): string[] {
    return [...this.map.values()];
  }
}
