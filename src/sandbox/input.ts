import { createInterface } from 'node:readline';
import type { SandboxSession } from './session.js';

const QUIT = /^\s*(quit|exit)\s*$/;

/** Lines a story file or a paste holds that are not actions. */
export function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

/**
 * Runs what the member types, one line after the other. Lines typed or pasted while a step runs are queued
 * (readline's async iterator buffers them) and run in order afterwards, never dropped. Without a terminal
 * (a story piped in), each line is printed with its prompt before it runs, as `--script` does.
 */
export async function runTypedLines(
  session: SandboxSession,
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream & { isTTY?: boolean },
  print: (text: string) => void,
): Promise<void> {
  const interactive = input.isTTY === true && output.isTTY === true;
  const terminal = createInterface({ input, output, terminal: interactive });
  const showPrompt = () => {
    if (!interactive) return;
    terminal.setPrompt(session.prompt);
    terminal.prompt();
  };
  showPrompt();
  try {
    for await (const line of terminal) {
      if (QUIT.test(line)) break;
      if (!interactive) {
        if (isBlankOrComment(line)) continue;
        print(`${session.prompt}${line}`);
      }
      await session.run(line);
      showPrompt();
    }
  } finally {
    terminal.close();
  }
}
