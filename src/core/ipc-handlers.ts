import { KeyportError, toErrorInfo } from '../shared/errors';
import {
  isChannel,
  type Channel,
  type IpcResult,
  type ParsedRequestOf,
  type ResponseOf,
} from '../shared/ipc-contract';
import type { KeyportService } from './service';
import { parseRequest } from './validate';

export type Handlers = {
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
    'vault:restore': (req) => service.restoreToken(req.undoId),
    'config:defaults': () => service.configs.defaults(),
    'config:plan': (req) => service.configs.plan(req),
    'config:apply': (req) => service.configs.apply(req.planId),
    'config:undo': (req) => service.configs.undo(req.undoId),
    'accounts:list': () => service.registries.accounts(),
    'accounts:sign-in': (req) => service.registries.signIn(req),
    'accounts:add-token': (req) => service.registries.addAccountToken(req),
    'accounts:whoami': (req) => service.registries.whoami(req),
    'remote:list': (req) => service.registries.listRemote(req),
    'remote:create': (req) => service.registries.create(req),
    'remote:revoke': (req) => service.registries.revoke(req),
    'op:cancel': (req) => service.cancelOperation(req.opId),
    'op:status': (req) => service.operationStatus(req.opId),
    'scan:run': (req) => service.scans.scan(req.projectDir),
    'scan:import': (req) => service.scans.import(req),
    'sweep:run': (req) => service.sweep(req),
    'sweep:import': (req) => service.importSweepFindings(req),
    'rotate:preview': (req) => service.rotations.preview(req.tokenId),
    'rotate:run': (req) => service.rotations.run(req),
    'dialog:pick-config-file': (req) => service.pickConfigFile(req.format),
    'dialog:pick-folder': () => service.pickFolder(),
    'helper:setup-plan': (req) => service.helpers.plan(req.tokenId, req.helper),
    'helper:setup-apply': (req) => service.helpers.apply(req.planId),
    'helper:setup-undo': (req) => service.helpers.undo(req.undoId),
    'helper:where-used': (req) => service.helpers.whereUsed(req.tokenId),
  };
}

/** Validates a request against the contract, runs it, and returns the result as a value. */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
): Promise<IpcResult<unknown>> {
  try {
    if (!isChannel(channel)) throw new KeyportError('UNKNOWN_CHANNEL', 'Unknown request.');
    const request = parseRequest(channel, payload);
    const handler = handlers[channel] as (req: unknown) => Promise<unknown> | unknown;
    return { ok: true, value: await handler(request) };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
