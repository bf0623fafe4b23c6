import type { Emulator, InteractionResult } from '../src/emulator/index.js';
import { sleep } from './stats.js';

/** One click to send: a member presses a button of a message. */
export interface Click {
  messageId: string;
  customId: string;
  userId: string;
}

export interface ClickRun {
  results: InteractionResult[];
  /** performance.now() when the first click was dispatched. */
  startedAt: number;
  /** ms from the first dispatch until the last callback (or deadline) of the run. */
  drainMs: number;
  /** Open loop: the worst delay between a click's planned instant and its dispatch (the generator's own lag). */
  maxGeneratorLagMs: number;
}

/** Closed loop: each click waits for the previous answer. */
export async function sequentialClicks(emulator: Emulator, clicks: readonly Click[]): Promise<ClickRun> {
  const results: InteractionResult[] = [];
  const startedAt = performance.now();
  for (const click of clicks) results.push(await emulator.clickButton(click));
  return { results, startedAt, drainMs: performance.now() - startedAt, maxGeneratorLagMs: 0 };
}

/**
 * Open loop: click i is dispatched at start + i / rate, whether or not earlier clicks were answered, as members
 * do. Latency is measured by the emulator from the dispatch (InteractionResult.latencyMs).
 */
export async function openLoopClicks(
  emulator: Emulator,
  clicks: readonly Click[],
  ratePerSecond: number,
): Promise<ClickRun> {
  const intervalMs = 1_000 / ratePerSecond;
  const pending: Promise<InteractionResult>[] = [];
  const startedAt = performance.now();
  let maxGeneratorLagMs = 0;
  for (let index = 0; index < clicks.length; index += 1) {
    const planned = startedAt + index * intervalMs;
    const wait = planned - performance.now();
    if (wait > 1) await sleep(wait);
    maxGeneratorLagMs = Math.max(maxGeneratorLagMs, performance.now() - planned);
    pending.push(emulator.clickButton(clicks[index]!));
  }
  const results = await Promise.all(pending);
  return { results, startedAt, drainMs: performance.now() - startedAt, maxGeneratorLagMs };
}

/** Every click dispatched at once; drain = first dispatch to last answer (or to the last deadline). */
export async function burstClicks(emulator: Emulator, clicks: readonly Click[]): Promise<ClickRun> {
  const startedAt = performance.now();
  const firstDispatch = Date.now();
  const dispatched: { result: Promise<InteractionResult>; at: number }[] = [];
  for (const click of clicks) dispatched.push({ result: emulator.clickButton(click), at: Date.now() });
  const results = await Promise.all(dispatched.map((entry) => entry.result));
  let lastAnswer = firstDispatch;
  results.forEach((result, index) => {
    const at = dispatched[index]!.at;
    lastAnswer = Math.max(lastAnswer, at + (result.latencyMs ?? performance.now() - startedAt));
  });
  return { results, startedAt, drainMs: lastAnswer - firstDispatch, maxGeneratorLagMs: 0 };
}
