/**
 * The short reason a registry gives when it refuses a request, made safe to show: registries echo
 * what they were sent, and an echoed token or password must never reach a message.
 */

const MAX_LENGTH = 160;
const HIDDEN = '[hidden]';

const TOKEN_LIKE: RegExp[] = [
  /\b(?:bearer|basic)\s+\S+/gi,
  /\beyJ[\w-]*\.[\w-]*\.?[\w-]*/g,
  /\bnpm_\w+/g,
];

// Long runs mixing letters and digits: keys, hashes, base64 secrets. Words and sentences never run
// 20 characters without a space while mixing both.
const OPAQUE_RUN = /[A-Za-z0-9+/_=-]{20,}/g;

/** Replaces every known secret of the call and everything token-like with [hidden]. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values (a 6-digit OTP) are still secrets; an empty one would match everywhere.
    if (secret) out = out.split(secret).join(HIDDEN);
  }
  for (const pattern of TOKEN_LIKE) out = out.replace(pattern, HIDDEN);
  return out.replace(OPAQUE_RUN, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? HIDDEN : run));
}

/** The registry's own error sentence from a JSON or short plain-text body, or undefined. */
export function registryReason(body: string, secrets: readonly string[]): string | undefined {
  let reason: string | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      reason = [record.error, record.message, record.reason, record.detail].find(
        (value): value is string => typeof value === 'string' && value.trim() !== '',
      );
    } else if (typeof parsed === 'string') {
      reason = parsed;
    }
  } catch {
    // HTML error pages say nothing useful and can be huge; plain short text is kept.
    if (!body.includes('<') && body.length <= 500) reason = body;
  }
  if (!reason) return undefined;
  // Control characters could fake extra lines in a terminal; whitespace runs collapse to one space.
  const flat = reason
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!flat) return undefined;
  const safe = redactSecrets(flat, secrets);
  return safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH - 1)}…` : safe;
}
