import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** USER_HZ on Linux: /proc reports CPU time in these ticks. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The project root: children run there so `--import tsx` and the migrations resolve as with `npm start`. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface NodeChild {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** performance.now() of the spawn, in this process. */
  spawnedAt: number;
  /** Resolves with performance.now() when `pattern` first appears in the output. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<number>;
  /** Resident set size of the child now, from /proc (Linux), in bytes. */
  rss(): number | null;
  /** CPU time (user + system) the child has used so far, in ms, from /proc (Linux). */
  cpuMs(): number | null;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts `node [nodeArgs] --import tsx <script> [args]` with exactly `env` (plus PATH, HOME and TZ=UTC): a `.env` in
 * the folder cannot leak into a measurement because every variable the bot reads is given, empty or not.
 */
export function spawnNode(
  script: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; args?: string[] } = {},
): NodeChild {
  return spawnWith([...(options.nodeArgs ?? []), '--import', 'tsx', script, ...(options.args ?? [])], script, env);
}

/** `node [nodeArgs] <file>`: a plain JavaScript entry point, no tsx (what `npm start` runs). */
export function spawnPlainNode(
  file: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[] } = {},
): NodeChild {
  return spawnWith([...(options.nodeArgs ?? []), file], file, env);
}

function spawnWith(args: string[], script: string, env: Record<string, string>): NodeChild {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const watchers = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    // Keep the tail only: a long run would otherwise hold every log line.
    if (text.length > 4_000_000) text = text.slice(-2_000_000);
    for (const watcher of watchers) watcher();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    child,
    spawnedAt,
    exited,
    output: () => text,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(text)) return;
          cleanup();
          resolve(performance.now());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${script}: ${pattern} not seen within ${timeoutMs} ms; output:\n${text.slice(-3_000)}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`${script} exited before ${pattern}; output:\n${text.slice(-3_000)}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          watchers.delete(check);
          child.off('exit', onExit);
        };
        watchers.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    rss() {
      if (!child.pid) return null;
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const match = /VmRSS:\s+(\d+) kB/.exec(status);
        return match ? Number(match[1]) * 1024 : null;
      } catch {
        return null;
      }
    },
    cpuMs() {
      if (!child.pid) return null;
      try {
        // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses: utime and stime in ticks.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1_000) / CLOCK_TICKS_PER_SECOND;
      } catch {
        return null;
      }
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
