/**
 * Results of domain rules. A rule that a member can break (a date in the past, a full meetup, a name too long)
 * returns a failure value carrying an i18n message key and its parameters, never a thrown string: the caller
 * decides how to show it, in the member's language.
 */
export type MessageParams = Readonly<Record<string, string | number>>;

export interface DomainError<Key extends string = string> {
  readonly key: Key;
  readonly params: MessageParams;
}

export interface Failure<Key extends string = string> {
  readonly ok: false;
  readonly error: DomainError<Key>;
}

export function fail<Key extends string>(key: Key, params: MessageParams = {}): Failure<Key> {
  return { ok: false, error: { key, params } };
}
