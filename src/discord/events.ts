import type { Client } from 'discord.js';
import type { AppDeps } from '../app/context.js';
import type { BotServices } from './services.js';

/** Gateway events other than interactions (those go through the router). */
export function registerEventHandlers(_input: {
  client: Client;
  deps: AppDeps;
  services: BotServices;
  track: (work: Promise<void>) => void;
}): void {}
