import type { Command } from '../src/discord/command.js';
import { setupCommand } from './setup.js';
import { townCommand } from './town.js';

/** Every slash command, once. `npm run commands:deploy` registers exactly these. */
export const commands: Command[] = [setupCommand, townCommand];
