/**
 * `npm run build`: writes the tarball of an empty PGlite cluster that a fresh embedded database is made from
 * (src/db/pgliteCluster.ts), so that the bot never runs `initdb` itself. Skipped when it exists already.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DEFAULT_PGLITE_TEMPLATE } from './pgliteCluster.js';

const target = process.argv[2] ?? DEFAULT_PGLITE_TEMPLATE;
if (existsSync(target)) {
  console.log(`${path.relative(process.cwd(), target)}: up to date`);
} else {
  const startedAt = performance.now();
  const db = new PGlite();
  await db.waitReady;
  const archive = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
  await db.close();
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(`${target}.partial`, archive);
  renameSync(`${target}.partial`, target);
  console.log(
    `${path.relative(process.cwd(), target)}: empty cluster, ${(archive.length / 2 ** 20).toFixed(1)} MiB, ` +
      `${Math.round(performance.now() - startedAt)} ms`,
  );
}
