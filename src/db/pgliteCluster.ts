import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { createGunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

/**
 * Opening the embedded database cheaply (issue 15). Measured on PGlite 0.5: `initdb` leaves 650–745 MB in the
 * process that ran it (its WASM memory never shrinks), and the default `shared_buffers` of 128MB makes a reopened
 * folder cost 290 MB instead of 167 MB. So the bot's own process never runs `initdb`: a fresh folder is filled from
 * a tarball of an empty cluster made at build time (`npm run build`), or, when there is none (development, tests),
 * by a short-lived child process; then the bot opens the finished folder with small buffers.
 */

/** What the bot's process starts PGlite with: PGlite's own defaults plus small shared buffers. */
export const PGLITE_START_PARAMS: string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * PGlite is one large WebAssembly module. V8 compiles it with its baseline compiler (Liftoff), then recompiles the
 * hot functions with TurboFan in background threads; measured here on PGlite 0.5 (bench/RESULTS.md, Footprint), the
 * optimizing tier-up keeps 35–70 MB resident (compiled code and the compilers' memory) and slows the first
 * queries, while a click's transaction is no slower on baseline code (1.6–4.6 ms vs 4.2–4.8 ms per RSVP
 * transaction). So the process's WebAssembly stays on the baseline compiler. Process-wide and set before the module
 * is compiled; nothing else in Escale runs WebAssembly.
 */
export function useBaselineWasmCompiler(): void {
  v8.setFlagsFromString('--liftoff-only');
}

/** The project root (two levels above this file in the sources, and above dist/bundle/main.js in the build). */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** The installed PGlite's version: a template made by another version is not used. */
export const PGLITE_VERSION = installedPgliteVersion();

/** Written by `npm run build` (src/db/buildPgliteTemplate.ts), named after the PGlite version that made it. */
export const DEFAULT_PGLITE_TEMPLATE = path.join(ROOT, 'dist', `pglite-${PGLITE_VERSION}-empty.tar.gz`);

function installedPgliteVersion(): string {
  try {
    const manifest = path.join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export type ClusterSource = 'existing' | 'template' | 'initdb-child';

/**
 * Makes sure `clusterDir` holds a PostgreSQL cluster, without running `initdb` in this process. The cluster is
 * built in a sibling folder and renamed into place, so a crash half-way leaves no half-made cluster behind.
 */
export async function prepareCluster(
  clusterDir: string,
  template: string | undefined = DEFAULT_PGLITE_TEMPLATE,
): Promise<ClusterSource> {
  if (existsSync(path.join(clusterDir, 'PG_VERSION'))) return 'existing';
  const staging = `${clusterDir}.staging-${randomUUID()}`;
  try {
    let source: ClusterSource;
    if (template && existsSync(template)) {
      await extractTarGz(template, staging);
      source = 'template';
    } else {
      await initdbInChild(staging);
      source = 'initdb-child';
    }
    if (!existsSync(path.join(staging, 'PG_VERSION'))) throw new Error(`no cluster was made in ${staging}`);
    // A folder left empty (or half-made by an older version) is replaced.
    rmSync(clusterDir, { recursive: true, force: true });
    renameSync(staging, clusterDir);
    return source;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** `initdb` in a child Node process: its memory goes away with it. */
async function initdbInChild(folder: string): Promise<void> {
  const code = [
    "const { PGlite } = await import('@electric-sql/pglite');",
    `const db = new PGlite(${JSON.stringify(folder)});`,
    'await db.waitReady;',
    'await db.close();',
  ].join('\n');
  // cwd at the project root so that the package resolves as it does for the bot.
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (exitCode !== 0) throw new Error(`creating the embedded database failed (exit ${exitCode}): ${stderr}`);
}

const BLOCK = 512;

/**
 * Extracts a gzipped tar (PGlite's `dumpDataDir` format: ustar, directories and regular files) into `folder`,
 * streaming, so the bot's memory does not hold the archive.
 */
export async function extractTarGz(archive: string, folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  let pending: Buffer = Buffer.alloc(0);
  let file: { fd: number; remaining: number; padding: number } | null = null;
  let skip = 0;
  const target = (name: string) => {
    const relative = path.normalize(name.replace(/^\/+/, ''));
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`unsafe path in archive: ${name}`);
    return path.join(folder, relative);
  };
  for await (const chunk of createReadStream(archive).pipe(createGunzip())) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let offset = 0;
    for (;;) {
      if (file) {
        const take = Math.min(file.remaining, pending.length - offset);
        if (take > 0) writeSync(file.fd, pending, offset, take);
        offset += take;
        file.remaining -= take;
        if (file.remaining > 0) break;
        closeSync(file.fd);
        skip = file.padding;
        file = null;
      }
      if (skip > 0) {
        const take = Math.min(skip, pending.length - offset);
        offset += take;
        skip -= take;
        if (skip > 0) break;
      }
      if (pending.length - offset < BLOCK) break;
      const header = pending.subarray(offset, offset + BLOCK);
      offset += BLOCK;
      if (header.every((byte) => byte === 0)) continue;
      const field = (start: number, length: number) =>
        header
          .subarray(start, start + length)
          .toString('utf8')
          .replace(/\0.*$/s, '');
      const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
      const size = Number.parseInt(field(124, 12).trim() || '0', 8);
      const type = field(156, 1) || '0';
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      if (type === '5') {
        mkdirSync(target(name), { recursive: true, mode: 0o700 });
        skip = size + padding;
      } else if (type === '0') {
        const destination = target(name);
        mkdirSync(path.dirname(destination), { recursive: true, mode: 0o700 });
        file = { fd: openSync(destination, 'w', 0o600), remaining: size, padding };
        if (size === 0) {
          closeSync(file.fd);
          file = null;
          skip = padding;
        }
      } else {
        throw new Error(`unsupported entry type ${JSON.stringify(type)} for ${name} in ${archive}`);
      }
    }
    pending = pending.subarray(offset);
  }
  if (file) throw new Error(`${archive} ends in the middle of a file`);
}
