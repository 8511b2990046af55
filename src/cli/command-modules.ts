/**
 * Everything a CLI command runs, behind one dynamic import from main.ts: `--help` loads none of
 * it, and a command loads it as one module rather than a dozen small chunks (each ES module costs
 * Node about a millisecond to resolve, read and link, whatever its size).
 */
export { addCommand, listCommand, removeCommand, revealCommand } from './commands/token-commands';
export { writeCommand } from './commands/write-command';
export { loginCommand, tokenCommand } from './commands/registry-commands';
export { execCommand, rotateCommand, scanCommand } from './commands/beyond-commands';
export { openCore } from '../core/open-core';
