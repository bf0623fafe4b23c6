import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * The embedded database's folder lock between real processes (issue 11 item 8): a unique instance id and a heartbeat,
 * not a pid. Each process runs test/support/folderLockChild.ts (heartbeat 200 ms, stale after 1.5 s).
 */
describe('the embedded database folder lock', { timeout: 60_000 }, () => {
  let folder: string;
  let lockFile: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'escale-lock-'));
    lockFile = path.join(folder, 'escale.lock');
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  const start = (holdMs: number, identity: object = {}, extraArgs: string[] = [], staleMs = 1_500) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/support/folderLockChild.ts',
        lockFile,
        String(holdMs),
        JSON.stringify(identity),
        String(staleMs),
        ...extraArgs,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC' } },
    );
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const waitFor = async (pattern: RegExp) => {
      const deadline = Date.now() + 30_000;
      while (!pattern.test(output)) {
        if (Date.now() > deadline || child.exitCode !== null) {
          if (pattern.test(output)) break;
          throw new Error(`no ${pattern} from the child (exit ${child.exitCode}):\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    return { child, exited, waitFor, output: () => output };
  };

  // Two containers on one volume: each one's node is PID 1 in its own pid namespace, on its own host name.
  const container = (name: string) => ({ pid: 1, host: name, bootId: 'same-machine', pidNamespace: `pid:[${name}]` });

  it('GIVEN a container whose node is PID 1 holds the folder WHEN a second PID 1 container starts on the same folder THEN the second is refused and the first keeps it', async () => {
    // Held for longer than the second one takes to start on a busy machine; killed by afterEach.
    const first = start(120_000, container('a'));
    await first.waitFor(/won/);
    const second = start(0, container('b'));
    expect(await second.exited).toBe(2);
    expect(second.output()).toMatch(/already open by process 1 on a .*DATABASE_URL/s);
    expect(first.child.exitCode).toBeNull();
    expect(first.output()).not.toContain('lost');
  });

  it('GIVEN two PID 1 processes claiming the same host and namespace WHEN the second starts while the first beats THEN it is refused (its own pid proves nothing)', async () => {
    const first = start(120_000, container('same'));
    await first.waitFor(/won/);
    const second = start(0, container('same'));
    expect(await second.exited).toBe(2);
    expect(first.child.exitCode).toBeNull();
    expect(first.output()).not.toContain('lost');
  });

  it('GIVEN a lock whose holder stopped beating (container gone) WHEN a process starts THEN it takes the folder once the heartbeat is stale', async () => {
    writeFileSync(lockFile, JSON.stringify({ ...container('gone'), instanceId: 'old', startedAt: '' }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile, old, old);
    const next = start(0, container('b'));
    expect(await next.exited).toBe(0);
    expect(next.output()).toMatch(/won/);
  });

  it('GIVEN a fresh lock whose holder has just died in another container WHEN a process starts THEN it waits for the heartbeat to go stale and takes the folder', async () => {
    writeFileSync(lockFile, JSON.stringify({ ...container('crashed'), instanceId: 'crashed', startedAt: '' }));
    const startedAt = Date.now();
    const next = start(0, container('b'));
    expect(await next.exited).toBe(0);
    expect(next.output()).toMatch(/won/);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_400);
  });

  it('GIVEN a lock left by a process killed on this machine WHEN the bot restarts THEN it takes the folder at once', async () => {
    const holder = start(60_000);
    await holder.waitFor(/won/);
    holder.child.kill('SIGKILL');
    await holder.exited;
    const next = start(0);
    expect(await next.exited).toBe(0);
    expect(next.output()).toMatch(/won/);
    // Released on exit: nothing is left for the next start to wait on.
    expect(existsSync(lockFile)).toBe(false);
  });

  for (const situation of ['no lock', 'a stale lock'] as const) {
    it(`GIVEN ${situation} WHEN six processes start at the same instant THEN exactly one of them gets the folder`, async () => {
      if (situation === 'a stale lock') {
        writeFileSync(lockFile, JSON.stringify({ ...container('gone'), instanceId: 'old', startedAt: '' }));
        const old = new Date(Date.now() - 60_000);
        utimesSync(lockFile, old, old);
      }
      // This race is about simultaneous starts, not heartbeats: a winner starved of CPU for 1.5 s on a busy CI machine
      // must not look stale to the others, so the staleness here is 6 s (the lock written above is a minute old).
      const racers = Array.from({ length: 6 }, (_, index) =>
        start(15_000, container(`r${index}`), ['--wait-for-go'], 6_000),
      );
      // Let every child load, then release them together.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      for (const racer of racers) racer.child.stdin?.write('GO\n');
      const codes = await Promise.all(racers.map((racer) => racer.exited));
      // On failure, say what each racer printed (exit 3: it won, then lost its lock; 1: an unexpected error).
      const said = racers.map((racer, index) => `racer ${index}, exit ${codes[index]}: ${racer.output()}`).join('\n');
      expect(
        codes.filter((code) => code === 0),
        said,
      ).toHaveLength(1);
      expect(
        codes.filter((code) => code === 2),
        said,
      ).toHaveLength(5);
      expect(racers.some((racer) => racer.output().includes('lost'))).toBe(false);
    });
  }

  it('GIVEN a holder whose lock was replaced while it was frozen WHEN its next heartbeat runs THEN it stops instead of writing on', async () => {
    const holder = start(10_000);
    await holder.waitFor(/won/);
    writeFileSync(lockFile, JSON.stringify({ ...container('thief'), instanceId: 'thief', startedAt: '' }));
    expect(await holder.exited).toBe(3);
    expect(holder.output()).toMatch(/lost/);
  });
});
