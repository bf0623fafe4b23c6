import type { AppDeps } from '../../src/app/context.js';
import {
  type ChannelAccess,
  type GuildChannelsPort,
  type GuildRole,
  TownRoleError,
  type TownRolesPort,
  type WarnedGuild,
} from '../../src/app/ports.js';
import { parseConfig } from '../../src/config.js';
import type { Database, DbHandle } from '../../src/db/client.js';
import { discordMarkup } from '../../src/discord/markup.js';
import { ManualClock } from '../../src/domain/clock.js';
import { normalizeTownName } from '../../src/domain/towns.js';
import { silentLogger } from '../../src/logger.js';

/** Discord's cap on roles per guild. */
const MAX_ROLES = 250;

interface FakeRole {
  id: string;
  name: string;
  reserved: boolean;
  manageable: GuildRole['manageable'];
  createdByPort: boolean;
}

/**
 * An in-memory guild for the towns port: roles, who holds them, and Discord's refusals (role above the bot,
 * 250 roles). Only the port is faked; the database under the use cases is real.
 */
export class FakeTownRoles implements TownRolesPort {
  readonly roles = new Map<string, FakeRole>();
  readonly memberRoles = new Map<string, Set<string>>();
  createdCount = 0;
  deletedCount = 0;
  private nextId = 200_000_000_000_000_000n;

  constructor(readonly guildId: string) {
    this.roles.set(guildId, { id: guildId, name: '@everyone', reserved: true, manageable: 'ok', createdByPort: false });
  }

  /** A role made by someone else in the guild (an admin, another bot). */
  addExistingRole(name: string, options: Partial<Pick<FakeRole, 'reserved' | 'manageable'>> = {}): string {
    const id = this.newId();
    this.roles.set(id, { id, name, reserved: false, manageable: 'ok', createdByPort: false, ...options });
    return id;
  }

  /** Fills the guild up to Discord's 250 roles. */
  fillRoles(): void {
    while (this.roles.size < MAX_ROLES) this.addExistingRole(`filler ${this.roles.size}`);
  }

  /** An admin deletes a role in Discord: members lose it too. */
  deleteInDiscord(roleId: string): void {
    this.roles.delete(roleId);
    for (const held of this.memberRoles.values()) held.delete(roleId);
  }

  rolesOf(userId: string): string[] {
    return [...(this.memberRoles.get(userId) ?? [])];
  }

  roleNamed(name: string): FakeRole | undefined {
    return [...this.roles.values()].find((role) => role.name === name);
  }

  async getRole(_guildId: string, roleId: string): Promise<GuildRole | undefined> {
    const role = this.roles.get(roleId);
    return role ? this.describe(role) : undefined;
  }

  async findRoleByName(_guildId: string, name: string): Promise<GuildRole | undefined> {
    const wanted = normalizeTownName(name);
    const role = [...this.roles.values()].find(
      (candidate) => !candidate.reserved && normalizeTownName(candidate.name) === wanted,
    );
    return role ? this.describe(role) : undefined;
  }

  async createRole(_guildId: string, name: string): Promise<GuildRole> {
    if (this.roles.size >= MAX_ROLES) throw new TownRoleError('tooManyRoles');
    const id = this.newId();
    const role: FakeRole = { id, name, reserved: false, manageable: 'ok', createdByPort: true };
    this.roles.set(id, role);
    this.createdCount += 1;
    return this.describe(role);
  }

  async deleteRole(_guildId: string, roleId: string): Promise<void> {
    const role = this.roles.get(roleId);
    if (!role) throw new TownRoleError('unknownRole', roleId);
    if (role.manageable !== 'ok') throw new TownRoleError(role.manageable, roleId);
    this.deleteInDiscord(roleId);
    this.deletedCount += 1;
  }

  async addMemberRole(_guildId: string, userId: string, roleId: string): Promise<void> {
    this.assertManageable(roleId);
    const held = this.memberRoles.get(userId) ?? new Set<string>();
    held.add(roleId);
    this.memberRoles.set(userId, held);
  }

  async removeMemberRole(_guildId: string, userId: string, roleId: string): Promise<void> {
    this.assertManageable(roleId);
    this.memberRoles.get(userId)?.delete(roleId);
  }

  /** Warnings given to the guild's owner (the fake guild has no moderators channel). */
  readonly warnings: string[] = [];

  async warnAdmins(_guildId: string, compose: (guild: WarnedGuild) => string): Promise<'owner'> {
    this.warnings.push(compose({ name: 'Fake guild', preferredLocale: 'fr' }));
    return 'owner';
  }

  private assertManageable(roleId: string): void {
    const role = this.roles.get(roleId);
    if (!role) throw new TownRoleError('unknownRole', roleId);
    if (role.manageable !== 'ok') throw new TownRoleError(role.manageable, roleId);
  }

  private describe(role: FakeRole): GuildRole {
    return { id: role.id, name: role.name, reserved: role.reserved, manageable: role.manageable };
  }

  private newId(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }
}

/** Channels of a fake guild and what the bot may do in each. */
export class FakeGuildChannels implements GuildChannelsPort {
  readonly access = new Map<string, ChannelAccess>();
  systemChannel: string | null = null;
  mentionRoles = true;

  async systemChannelId(): Promise<string | null> {
    return this.systemChannel;
  }

  async channelAccess(_guildId: string, channelId: string): Promise<ChannelAccess> {
    return this.access.get(channelId) ?? 'missing';
  }

  async canMentionRoles(): Promise<boolean> {
    return this.mentionRoles;
  }
}

/** AppDeps over a test database, with a manual clock and a silent logger. */
export function testAppDeps(
  database: { db: Database; handle: DbHandle },
  now = new Date('2026-11-25T15:00:00Z'),
): AppDeps {
  return {
    config: parseConfig({ DISCORD_TOKEN: 'test-token' }),
    db: database.db,
    dbHandle: database.handle,
    clock: new ManualClock(now),
    logger: silentLogger,
    markup: discordMarkup,
  };
}
