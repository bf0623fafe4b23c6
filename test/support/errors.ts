import { UserFacingError } from '../../src/app/errors.js';

/** The UserFacingError a use case threw, for its key and parameters; anything else fails the test. */
export async function failure(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof UserFacingError)) throw new Error(`expected a UserFacingError, got ${String(error)}`);
  return error;
}
