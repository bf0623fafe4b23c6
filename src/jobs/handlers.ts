import type { JobHandler } from './scheduler.js';

/** Every job kind and the function that does it. Features register theirs here. */
export const jobHandlers: Record<string, JobHandler> = {};
