import type { EmuMessage, InteractionResult } from '../emulator/index.js';
import { parseDuration, type World } from './world.js';

/**
 * The sandbox's little language. One line, one action:
 *   /trip new town:Rimouski when:"demain midi" topic:"IA en région"   run a command as the current member
 *   join Alice [en]          a member joins (French client unless "en"); they become the current member
 *   as Bob                   act as another member
 *   in #trips                run the next commands in another channel
 *   click going              click a button of the latest message that has it (in the server or your DMs)
 *   select Rimouski, Matane  pick options in the current member's welcome menu
 *   advance 2d               move time forward (30m, 2h, 1d…): reminders and recaps that became due happen, and
 *                            what changed on an announcement is printed (only its changed lines)
 *   show #trips              print a channel as members see it
 *   dms [Alice]              print a member's direct messages
 *   # a comment
 */
export class SandboxSession {
  private actorName = 'owner';
  private channelName = '#general';
  private readonly seen = new Map<string, number>();
  /** What each of the bot's messages read at its last version, to print only what an edit changed. */
  private readonly lastText = new Map<string, string>();

  constructor(
    readonly world: World,
    private readonly print: (text: string) => void,
  ) {
    this.markAllSeen();
  }

  get prompt(): string {
    return `${this.actorName} ${this.channelName}> `;
  }

  async run(line: string): Promise<void> {
    const trimmed = line.trim();
    if (trimmed === '' || (trimmed.startsWith('#') && !trimmed.startsWith('#!'))) return;
    const [verb = '', ...rest] = trimmed.split(/\s+/);
    const argument = trimmed.slice(verb.length).trim();
    try {
      if (trimmed.startsWith('/')) await this.command(trimmed);
      else if (verb === 'join') this.join(rest);
      else if (verb === 'as') this.as(argument);
      else if (verb === 'in') this.in(argument);
      else if (verb === 'click') await this.click(argument);
      else if (verb === 'select') await this.select(argument);
      else if (verb === 'advance') await this.advance(argument);
      else if (verb === 'show') this.print(this.world.channel(argument || this.channelName).render());
      else if (verb === 'dms') this.showDms(argument);
      else if (verb === 'help') this.print(HELP);
      else throw new Error(`Unknown action "${verb}". Type help.`);
      await this.quiet();
      this.printNewMessages();
    } catch (error) {
      this.print(`! ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async command(line: string): Promise<void> {
    const { path, options } = parseCommandLine(line);
    const actor = this.world.actor(this.actorName);
    const result = await actor.runs(path, options, { channel: this.channelName });
    await result.settled().catch(() => {});
    this.printResult(result);
  }

  private join(words: string[]): void {
    const [name, language] = words;
    if (!name) throw new Error('Usage: join NAME [en|fr]');
    this.world.join(name, { locale: language === 'en' ? 'en-US' : 'fr' });
    this.actorName = name;
    this.print(`→ ${name} joined the server.`);
  }

  private as(name: string): void {
    this.world.actor(name);
    this.actorName = name;
  }

  private in(channel: string): void {
    this.channelName = channel.startsWith('#') ? channel : `#${channel}`;
    this.world.channel(this.channelName);
  }

  private async click(button: string): Promise<void> {
    const message = this.latestMessageWith((candidate) => hasButton(candidate, button));
    if (!message) throw new Error(`No message with a "${button}" button`);
    const result = await this.world.actor(this.actorName).clicks(message, button);
    await result.settled().catch(() => {});
    this.printResult(result);
  }

  private async select(argument: string): Promise<void> {
    const actor = this.world.actor(this.actorName);
    const message = this.latestMessageWith((candidate) => JSON.stringify(candidate.components).includes(`${actor.id}`));
    if (!message) throw new Error(`No menu addressed to ${this.actorName}`);
    const choices = argument
      .split(',')
      .map((choice) => choice.trim())
      .filter(Boolean);
    const result = await actor.selects(message, choices);
    await result.settled().catch(() => {});
    this.printResult(result);
  }

  private async advance(duration: string): Promise<void> {
    const now = await this.world.advance(parseDuration(duration || '1h'));
    this.print(`→ it is now ${now.toISOString().replace('T', ' ').slice(0, 16)} UTC`);
  }

  private showDms(name: string): void {
    const actor = this.world.actor(name || this.actorName);
    const dms = actor.dms();
    this.print(dms.length === 0 ? '(no direct messages)' : dms.map((message) => this.render(message)).join('\n'));
  }

  /** The latest message in the server, or in the current member's DMs (a ride proposal), that fits. */
  private latestMessageWith(predicate: (message: EmuMessage) => boolean): EmuMessage | undefined {
    const actorId = this.world.actor(this.actorName).id;
    const all = [...this.world.emulator.state.messages.values()].filter(
      (message) =>
        (message.guildId === this.world.guild.id ||
          this.world.emulator.channel(message.channelId)?.recipientId === actorId) &&
        !message.deleted &&
        !message.ephemeral,
    );
    return all.reverse().find(predicate);
  }

  private printResult(result: InteractionResult): void {
    if (result.timedOut) {
      this.print('  (the application did not respond)');
      return;
    }
    if (result.modal) {
      this.print(`  [a form opened: ${String(result.modal.title ?? '')}]`);
      return;
    }
    for (const text of result.texts()) {
      this.print(indent(`${result.ephemeral ? '(only you) ' : ''}${text}`));
    }
  }

  /** Waits until the bot stops talking to Discord for a moment (announcement edits, welcome posts). */
  private async quiet(): Promise<void> {
    let count = -1;
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      const current = this.world.emulator.requests.length;
      if (current === count) return;
      count = current;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  private markAllSeen(): void {
    for (const message of this.world.emulator.state.messages.values()) {
      this.seen.set(message.id, message.history.length);
      if (this.isShown(message)) this.lastText.set(message.id, this.readText(message));
    }
  }

  private isShown(message: EmuMessage): boolean {
    if (message.ephemeral || message.interaction || message.webhookId) return false;
    return message.authorId === this.world.emulator.botUser.id;
  }

  /**
   * Prints what the bot posted since the last action, as members would see it, and for a message it edited (an
   * announcement whose counts moved, that a reminder or the end of the meetup changed…) only the lines that changed.
   */
  private printNewMessages(): void {
    for (const message of this.world.emulator.state.messages.values()) {
      const version = message.history.length;
      const known = this.seen.get(message.id);
      this.seen.set(message.id, version);
      if (!this.isShown(message)) continue;
      if (known === undefined) {
        this.lastText.set(message.id, this.readText(message));
        this.print(this.render(message));
      } else if (known !== version && !message.deleted) {
        const before = this.lastText.get(message.id);
        const after = this.readText(message);
        this.lastText.set(message.id, after);
        this.print(before === undefined ? this.render(message, 'edited') : this.renderChange(message, before, after));
      }
    }
  }

  /** `── #voyages (changed)` and the lines gone (`-`) and come (`+`), in order. */
  private renderChange(message: EmuMessage, before: string, after: string): string {
    // The emulator marks an edited message "(edited)": that is not a change of what it says.
    const lines = (text: string) => text.replace(/\(edited\) /g, '').split('\n');
    const old = lines(before);
    const now = lines(after);
    const gone = old.filter((line) => !now.includes(line)).map((line) => `- ${line}`);
    const come = now.filter((line) => !old.includes(line)).map((line) => `+ ${line}`);
    const changes = gone.length + come.length === 0 ? ['(edited, nothing visible changed)'] : [...gone, ...come];
    return `${this.where(message)} (changed)\n${indent(changes.join('\n'))}`;
  }

  private readText(message: EmuMessage): string {
    // Read by the member at the keyboard: command mentions show in their client's language.
    const locale = this.world.emulator.user(this.world.actor(this.actorName).id)?.locale;
    return this.world.emulator.renderMessage(message.id, locale ? { locale } : {});
  }

  private render(message: EmuMessage, note?: string): string {
    return `${this.where(message)}${note ? ` (${note})` : ''}\n${indent(this.readText(message))}`;
  }

  private where(message: EmuMessage): string {
    const channel = this.world.emulator.channel(message.channelId);
    const where = channel?.recipientId
      ? `DM to ${this.world.emulator.user(channel.recipientId)?.globalName ?? channel.recipientId}`
      : channel?.thread
        ? `thread "${channel.name}"`
        : `#${channel?.name ?? message.channelId}`;
    return `── ${where}`;
  }
}

function hasButton(message: EmuMessage, button: string): boolean {
  const text = JSON.stringify(message.components);
  return text.includes(`:${button}"`) || text.includes(`"label":"${button}"`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** `/trip new town:Rimouski when:"demain midi"` → path '/trip new', options { town, when }. */
export function parseCommandLine(line: string): { path: string; options: Record<string, string | number | boolean> } {
  const tokens = [...line.matchAll(/([\w-]+):(?:"([^"]*)"|(\S+))|(\S+)/g)];
  const path: string[] = [];
  const options: Record<string, string | number | boolean> = {};
  for (const token of tokens) {
    if (token[4] !== undefined) {
      path.push(token[4]);
      continue;
    }
    const key = token[1]!;
    const raw = token[2] ?? token[3] ?? '';
    options[key] = token[2] === undefined ? coerce(raw) : raw;
  }
  return { path: path.join(' '), options };
}

function coerce(raw: string): string | number | boolean {
  if (/^-?\d+$/.test(raw) && raw.length < 16) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw;
}

const HELP = `Actions:
  /command sub option:value option:"two words"   run a slash command as the current member
  join NAME [en]     a member joins (and becomes the current member)
  as NAME            act as another member (owner is the server owner)
  in #channel        where the next commands run
  click going|maybe|no|LABEL   click a button on the latest message that has it
  select Town, Town  pick towns in your welcome menu
  advance 2d         move time forward (30m, 2h, 1d) so reminders and recaps happen
  show #channel      print a channel
  dms [NAME]         print a member's direct messages
  quit`;
