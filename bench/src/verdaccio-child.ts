// Verdaccio in its own process, so its work never shares an event loop (or a core's time slice)
// with the client being measured. Prints one JSON line {url}; stops when stdin closes or on SIGTERM.
import { startVerdaccio } from '../../test/support/verdaccio';

const handle = await startVerdaccio();
process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await handle.stop().catch(() => undefined);
  process.exit(0);
};
process.stdin.on('end', stop).on('close', stop).resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
