/**
 * A process that takes the embedded database's folder lock (test/integration/folderLock.test.ts):
 *   node --import tsx test/support/folderLockChild.ts <lockFile> <holdMs> [identity JSON] [staleMs]
 * Prints `won <instanceId>` or `refused <message>`, holds the lock for holdMs (beating), releases it and exits.
 * `GO` on stdin is awaited first when WAIT_FOR_GO=1, so several children can start at the same instant.
 */
import { acquireFolderLock, DatabaseLockedError } from '../../src/db/folderLock.js';

const [lockFile = '', holdMs = '0', identity = '{}', staleMs = '1500'] = process.argv.slice(2);

if (process.argv.includes('--wait-for-go')) {
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
}
try {
  const lock = await acquireFolderLock(lockFile, {
    heartbeatMs: 200,
    staleMs: Number(staleMs),
    identity: JSON.parse(identity),
    onLost: () => {
      console.log('lost');
      process.exit(3);
    },
  });
  console.log(`won ${lock.holder.instanceId}`);
  await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
  lock.release();
  console.log('released');
  process.exit(0);
} catch (error) {
  if (error instanceof DatabaseLockedError) {
    console.log(`refused ${error.message}`);
    process.exit(2);
  }
  throw error;
}
