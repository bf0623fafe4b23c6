import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Two processes opening one PGlite folder lose writes silently (DESIGN.md), so the folder is guarded by a lock file.
 * A pid alone proves nothing across containers (each container's node is PID 1, issue 11 item 8), so the lock holds
 * a unique instance id, and its holder refreshes the file's modification time (the heartbeat). A lock is stale only
 * when its heartbeat stops: older than `staleMs`, or not refreshed while we watch it for that long; or, as a shortcut
 * after a crash on the same machine, when its holder's pid is dead in our own pid namespace. The file is created
 * whole and atomically (written aside, then hard-linked into place, which fails if it exists), and taking over a
 * stale lock happens under a second, short-lived lock, so two simultaneous starts cannot both win.
 */

export interface LockHolder {
  instanceId: string;
  pid: number;
  host: string;
  /** Boot id and pid namespace: a pid means something only where both are the same as ours. */
  bootId: string | null;
  pidNamespace: string | null;
  startedAt: string;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
    readonly holder?: LockHolder,
  ) {
    super(
      `The embedded database in ${path.dirname(lockFile)} is already open by process ${holderPid}` +
        `${holder ? ` on ${holder.host} (instance ${holder.instanceId})` : ''}. ` +
        'PGlite is single-process: stop that process, or set DATABASE_URL to use Postgres for several processes.',
    );
    this.name = 'DatabaseLockedError';
  }
}

export interface FolderLockOptions {
  /** How often the holder refreshes the lock (default 2 s). */
  heartbeatMs?: number;
  /** A lock whose heartbeat is older than this is stale (default 10 s). */
  staleMs?: number;
  /** The holder found the lock replaced (it was presumed dead): it must stop writing. */
  onLost?: (holder: LockHolder | null) => void;
  /** For tests: who we are (default: this process). */
  identity?: Partial<LockHolder>;
}

export interface FolderLock {
  holder: LockHolder;
  release(): void;
}

const DEFAULT_HEARTBEAT_MS = 2_000;
const DEFAULT_STALE_MS = 10_000;
/** The takeover lock is held for a few milliseconds; one this old belongs to a process that died inside it. */
const TAKEOVER_STALE_MS = 30_000;

export async function acquireFolderLock(lockFile: string, options: FolderLockOptions = {}): Promise<FolderLock> {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const me: LockHolder = { ...currentIdentity(), ...options.identity, instanceId: randomUUID() };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (createExclusive(lockFile, me)) return holdLock(lockFile, me, heartbeatMs, options.onLost);
    const seen = readLock(lockFile);
    if (!seen) continue; // released between our attempt and our look
    if (!(await isStale(lockFile, seen, me, staleMs))) {
      throw new DatabaseLockedError(lockFile, seen.holder?.pid ?? 0, seen.holder ?? undefined);
    }
    if (takeOver(lockFile, seen, me)) return holdLock(lockFile, me, heartbeatMs, options.onLost);
  }
  throw new Error(`Could not lock ${lockFile}: it kept changing hands`);
}

function currentIdentity(): Omit<LockHolder, 'instanceId'> {
  return {
    pid: process.pid,
    host: os.hostname(),
    bootId: readOrNull(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
    pidNamespace: readOrNull(() => readlinkSync('/proc/self/ns/pid')),
    startedAt: new Date().toISOString(),
  };
}

function readOrNull(read: () => string): string | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** Writes the whole file aside, then links it into place: it appears complete, and only if absent. */
function createExclusive(file: string, holder: LockHolder): boolean {
  const aside = `${file}.${holder.instanceId}.tmp`;
  writeFileSync(aside, JSON.stringify(holder));
  try {
    linkSync(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

interface SeenLock {
  holder: LockHolder | null;
  raw: string;
  mtimeMs: number;
}

function readLock(file: string): SeenLock | null {
  try {
    const mtimeMs = statSync(file).mtimeMs;
    const raw = readFileSync(file, 'utf8');
    return { raw, mtimeMs, holder: parseHolder(raw) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseHolder(raw: string): LockHolder | null {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    return typeof value.instanceId === 'string' && typeof value.pid === 'number' ? (value as LockHolder) : null;
  } catch {
    // A lock from an older version held only a pid.
    const pid = Number.parseInt(raw, 10);
    return Number.isInteger(pid)
      ? { instanceId: `pid-${pid}`, pid, host: '', bootId: null, pidNamespace: null, startedAt: '' }
      : null;
  }
}

async function isStale(file: string, seen: SeenLock, me: LockHolder, staleMs: number): Promise<boolean> {
  const holder = seen.holder;
  if (holder && sameNamespace(holder, me) && holder.pid !== me.pid && !isAlive(holder.pid)) return true;
  if (Date.now() - seen.mtimeMs > staleMs) return true;
  // Fresh: watch whether its holder is still beating.
  const deadline = Date.now() + staleMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, staleMs / 4)));
    const now = readLock(file);
    if (!now || now.raw !== seen.raw || now.mtimeMs !== seen.mtimeMs) return false;
  }
  return true;
}

function sameNamespace(holder: LockHolder, me: LockHolder): boolean {
  return (
    holder.host === me.host &&
    holder.bootId !== null &&
    holder.bootId === me.bootId &&
    holder.pidNamespace !== null &&
    holder.pidNamespace === me.pidNamespace
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Replaces the stale lock `seen` by ours, under a short takeover lock: another process that judged the same lock
 * stale waits its turn, then finds the lock changed and looks again.
 */
function takeOver(file: string, seen: SeenLock, me: LockHolder): boolean {
  const takeover = `${file}.takeover`;
  if (!createExclusive(takeover, me)) {
    const other = readLock(takeover);
    if (other && Date.now() - other.mtimeMs > TAKEOVER_STALE_MS) {
      // Its holder died inside the few milliseconds of a takeover: move it aside (only one mover succeeds).
      try {
        renameSync(takeover, `${takeover}.${me.instanceId}.dead`);
        rmSync(`${takeover}.${me.instanceId}.dead`, { force: true });
      } catch {}
    }
    return false;
  }
  try {
    const now = readLock(file);
    if (now && now.raw !== seen.raw) return false;
    rmSync(file, { force: true });
    return createExclusive(file, me);
  } finally {
    rmSync(takeover, { force: true });
  }
}

function holdLock(file: string, me: LockHolder, heartbeatMs: number, onLost: FolderLockOptions['onLost']): FolderLock {
  const ours = () => readLock(file)?.holder?.instanceId === me.instanceId;
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    try {
      if (!ours()) {
        stopped = true;
        clearInterval(timer);
        (onLost ?? defaultOnLost(file))(readLock(file)?.holder ?? null);
        return;
      }
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // A transient error (disk full, NFS blip): the next beat tries again; staleness needs several misses.
    }
  }, heartbeatMs);
  timer.unref();
  return {
    holder: me,
    release() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (ours()) rmSync(file, { force: true });
    },
  };
}

function defaultOnLost(file: string) {
  return (holder: LockHolder | null) => {
    console.error(
      `The lock ${file} was taken by ${holder ? `process ${holder.pid} on ${holder.host}` : 'another process'}: ` +
        'this process stops so that two processes never write the same embedded database.',
    );
    process.exit(1);
  };
}
