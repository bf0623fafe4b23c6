import type { Command } from '../src/discord/command.js';
import { preferencesCommand } from './preferences.js';
import { rideCommand } from './ride/index.js';
import { rsvpCommand } from './rsvp.js';
import { setupCommand } from './setup.js';
import { townCommand } from './town.js';
import { tripCommand } from './trip/index.js';

/** Every slash command, once. `npm run commands:deploy` registers exactly these. */
export const commands: Command[] = [
  setupCommand,
  townCommand,
  tripCommand,
  rsvpCommand,
  rideCommand,
  preferencesCommand,
];
