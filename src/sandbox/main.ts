import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isBlankOrComment, runTypedLines } from './input.js';
import { SandboxSession } from './session.js';
import { World } from './world.js';

/**
 * `npm run sandbox`: the local Discord emulator, the bot and an embedded database in a temp dir, with the
 * Bas-Saint-Laurent towns loaded. Type as members would act; `--script FILE` replays a file of such lines.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { script: { type: 'string' }, verbose: { type: 'boolean' } } });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'escale-sandbox-'));
  const print = (text: string) => process.stdout.write(`${text}\n`);
  print('Starting the local Discord emulator, the bot and an embedded database…');
  const world = await World.create({ dataDir, logLevel: values.verbose ? 'info' : 'silent' });
  let exitCode = 0;
  try {
    const session = new SandboxSession(world, print);
    const opening = ['/town preset region:bas-saint-laurent', '/setup trips_channel:#voyages'];
    for (const line of opening) {
      print(`owner #general> ${line}`);
      await session.run(line);
    }
    print(`\nIt is ${world.clock.now().toISOString().slice(0, 16)} UTC. Type "help" for what you can do.\n`);
    if (values.script) {
      for (const line of readFileSync(values.script, 'utf8').split('\n')) {
        if (isBlankOrComment(line)) continue;
        if (/^\s*(quit|exit)\s*$/.test(line)) break;
        print(`${session.prompt}${line}`);
        await session.run(line);
      }
    } else {
      await runTypedLines(session, process.stdin, process.stdout, print);
    }
  } catch (error) {
    print(`Sandbox failed: ${error instanceof Error ? error.stack : String(error)}`);
    exitCode = 1;
  } finally {
    await world.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

void main();
