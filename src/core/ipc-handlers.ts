import * as v from 'valibot';
import { KeyportError, toErrorInfo } from '../shared/errors';
import {
  isChannel,
  requestSchemas,
  type Channel,
  type IpcResult,
  type ParsedRequestOf,
  type ResponseOf,
} from '../shared/ipc-contract';
import type { KeyportService } from './service';

type Handlers = {
  [C in Channel]: (req: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** Channel → use case. Shared by main/ipc.ts and the e2e bridge so only the transport differs. */
export function createHandlers(service: KeyportService): Handlers {
  return {
    'app:info': () => service.appInfo(),
    'vault:list': () => service.listTokens(),
    'vault:add': (req) => service.addToken(req),
    'vault:update': (req) => service.updateToken(req),
    'vault:reveal': (req) => service.revealToken(req.id),
    'vault:copy': (req) => service.copyToken(req.id),
    'vault:remove': (req) => service.removeToken(req.id),
  };
}

/**
 * Validates a request against the contract, runs it, and returns a result value. Validation
 * messages name the field but never echo the value (it may be a secret).
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
): Promise<IpcResult<unknown>> {
  try {
    if (!isChannel(channel)) throw new KeyportError('UNKNOWN_CHANNEL', 'Unknown request.');
    const parsed = v.safeParse(requestSchemas[channel], payload);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      // valibot's default messages end in "but received <value>": drop the value.
      const message = issue.message.replace(/\s*but received .*$/s, '');
      throw new KeyportError(
        'INVALID_INPUT',
        field ? `${field}: ${message}` : `Invalid request: ${message}`,
      );
    }
    const handler = handlers[channel] as (req: unknown) => Promise<unknown> | unknown;
    return { ok: true, value: await handler(parsed.output) };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
