import type { ComponentHandler } from '../command.js';

/** Every button, select menu and modal handler, keyed by the first segment of its custom id. */
export const components: ComponentHandler[] = [];
