import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run sandbox` as a newcomer types into it: a real process, lines arriving faster than the steps run. */
describe('the sandbox keeps what you type', { timeout: 180_000 }, () => {
  it('GIVEN the sandbox is ready WHEN a whole story is pasted at once on its standard input THEN every line runs, in order, and it exits 0', async () => {
    const sandbox = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC' },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    sandbox.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    sandbox.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => sandbox.once('exit', resolve));
    await waitFor(() => stdout.includes('Type "help"'), 120_000);

    // Pasted in one write: every line after the first arrives while the first is still running.
    sandbox.stdin.write(
      [
        'join Alice',
        'select Rimouski',
        '# a comment in the paste',
        'as Alice',
        'in #voyages',
        '/trip new town:Rimouski when:"4 décembre midi" topic:"IA en région"',
        'join Bob en',
        'click going',
        'show #voyages',
        '',
      ].join('\n'),
    );
    sandbox.stdin.end();
    const code = await exited;

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const inOrder = [
      'owner #general> join Alice',
      '→ Alice joined the server.',
      'Alice #general> select Rimouski',
      'Alice #voyages> /trip new town:Rimouski',
      'Nouvelle rencontre à **Rimouski**',
      'Alice #voyages> join Bob en',
      '→ Bob joined the server.',
      'Bob #voyages> click going',
      'Bob #voyages> show #voyages',
    ];
    const positions = inOrder.map((text) => stdout.indexOf(text));
    expect(
      positions.every((position) => position >= 0),
      `missing in:\n${stdout}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(stdout).not.toContain('a comment in the paste');
    expect(stdout).not.toMatch(/^\s*! /m);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
