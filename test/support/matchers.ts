import { expect } from 'vitest';

/**
 * Story-like assertions on emulator messages: `expect(message).toPing(role)` — was actually pinged (not just
 * written), `expect(message).toPingNobody()`.
 */
interface Pingable {
  pinged: { users: string[]; roles: string[]; everyone: boolean };
}

function idOf(target: unknown): string {
  if (typeof target === 'string') return target;
  if (target && typeof target === 'object' && 'id' in target) return String((target as { id: unknown }).id);
  throw new Error('toPing expects a role, an actor or an id');
}

expect.extend({
  toPing(received: Pingable | undefined, target: unknown) {
    const id = idOf(target);
    const pinged = received?.pinged;
    const pass = pinged !== undefined && (pinged.roles.includes(id) || pinged.users.includes(id));
    return {
      pass,
      message: () =>
        `expected the message ${pass ? 'not ' : ''}to ping ${id}; it pinged ${JSON.stringify(pinged ?? null)}`,
    };
  },
  toPingNobody(received: Pingable | undefined) {
    const pinged = received?.pinged;
    const pass = pinged !== undefined && pinged.users.length === 0 && pinged.roles.length === 0 && !pinged.everyone;
    return {
      pass,
      message: () =>
        `expected the message ${pass ? 'not ' : ''}to ping nobody; it pinged ${JSON.stringify(pinged ?? null)}`,
    };
  },
});

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must match vitest's own declaration to merge with it
  interface Assertion<T = any> {
    toPing(target: unknown): T;
    toPingNobody(): T;
  }
  interface AsymmetricMatchersContaining {
    toPing(target: unknown): unknown;
    toPingNobody(): unknown;
  }
}
