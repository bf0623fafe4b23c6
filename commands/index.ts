import type { Command } from '../src/discord/command.js';

/** Every slash command, once. `npm run commands:deploy` registers exactly these. */
export const commands: Command[] = [];
