import type { MessageKey, MessageParams } from '../i18n/index.js';

/**
 * An error the member caused and can fix. The router turns it into an ephemeral reply in the member's
 * language; anything else is logged and answered with a generic apology.
 */
export class UserFacingError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
    this.name = 'UserFacingError';
  }
}

/** Domain rules return `{ ok: false, error: { key, params } }`; this turns one into the thrown form. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { key: string; params?: object } }): T {
  if (result.ok) return result.value;
  throw new UserFacingError(result.error.key as MessageKey, (result.error.params ?? {}) as MessageParams);
}
