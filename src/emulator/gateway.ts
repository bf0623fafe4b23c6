import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { EmuState, Json } from './model.js';
import type { IdentifyRecord } from './rates.js';
import { shardOf } from './snowflake.js';

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
  GuildScheduledEvents: 1 << 16,
} as const;

/** Which intent a dispatch needs; events not listed are always sent. */
function requiredIntent(event: string, guildId: string | null): number {
  if (event.startsWith('GUILD_MEMBER_')) return Intent.GuildMembers;
  if (event.startsWith('GUILD_SCHEDULED_EVENT_')) return Intent.GuildScheduledEvents;
  if (event.startsWith('MESSAGE_')) return guildId ? Intent.GuildMessages : Intent.DirectMessages;
  if (event.startsWith('GUILD_') || event.startsWith('CHANNEL_') || event.startsWith('THREAD_')) return Intent.Guilds;
  return 0;
}

export const HEARTBEAT_INTERVAL_MS = 41_250;
/** Dispatches kept per session for RESUME; bounded so long load runs do not grow without limit. */
const REPLAY_BUFFER_SIZE = 10_000;

interface BufferedDispatch {
  op: 0;
  s: number;
  t: string;
  d: unknown;
}

export interface GatewaySession {
  readonly id: string;
  readonly shardId: number;
  readonly shardCount: number;
  readonly intents: number;
  seq: number;
  /** Everything sent in this session, replayed from the client's last sequence on RESUME. */
  readonly sent: BufferedDispatch[];
  socket: WebSocket | null;
  identifiedAt: number;
  resumes: number;
}

export interface GatewayOptions {
  state: EmuState;
  server: Server;
  token: () => string;
  /** `session_start_limit.max_concurrency`: identifies are bucketed by `shard_id % maxConcurrency`. */
  maxConcurrency: number;
}

/**
 * A single-process stand-in for Discord's gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats,
 * RESUME with replay, sharded guild routing and intent filtering. JSON text frames only: discord.js
 * does not compress unless zlib-sync is installed.
 */
export class Gateway {
  private readonly wss: WebSocketServer;
  readonly sessions = new Map<string, GatewaySession>();
  private readonly unsubscribe: () => void;
  url = '';
  /** Every gateway payload the bot sent (heartbeats excluded), for tests that inspect IDENTIFY/RESUME. */
  readonly received: { op: number; d: unknown; at: number }[] = [];
  /** Every accepted IDENTIFY, with its rate-limit bucket. */
  readonly identifies: IdentifyRecord[] = [];

  constructor(private readonly options: GatewayOptions) {
    this.wss = new WebSocketServer({ server: options.server });
    this.wss.on('connection', (socket) => this.onConnection(socket));
    this.unsubscribe = options.state.onDispatch((event, data, guildId) => this.broadcast(event, data, guildId));
  }

  get connected(): boolean {
    return [...this.sessions.values()].some((session) => session.socket !== null);
  }

  private onConnection(socket: WebSocket): void {
    let session: GatewaySession | null = null;
    this.send(socket, {
      op: GatewayOp.Hello,
      d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS, _trace: ['escale-emulator'] },
    });
    socket.on('message', (raw, isBinary) => {
      if (isBinary) {
        socket.close(4002, 'Error while decoding payload.');
        return;
      }
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown };
      } catch {
        socket.close(4002, 'Error while decoding payload.');
        return;
      }
      if (payload.op !== GatewayOp.Heartbeat)
        this.received.push({ op: Number(payload.op), d: payload.d, at: Date.now() });
      switch (payload.op) {
        case GatewayOp.Heartbeat:
          this.send(socket, { op: GatewayOp.HeartbeatAck });
          return;
        case GatewayOp.Identify:
          if (session) {
            socket.close(4005, 'Already authenticated.');
            return;
          }
          session = this.identify(socket, payload.d as Json);
          return;
        case GatewayOp.Resume:
          if (session) {
            socket.close(4005, 'Already authenticated.');
            return;
          }
          session = this.resume(socket, payload.d as Json);
          return;
        case GatewayOp.RequestGuildMembers:
          if (!session) {
            socket.close(4003, 'Not authenticated.');
            return;
          }
          this.requestGuildMembers(session, payload.d as Json);
          return;
        case GatewayOp.PresenceUpdate:
        case 4:
          return;
        default:
          socket.close(4001, 'Unknown opcode.');
      }
    });
    socket.on('close', (code) => {
      if (!session || session.socket !== socket) return;
      session.socket = null;
      // A clean close ends the session on Discord's side; 4200 is discord.js closing in order to resume.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
    socket.on('error', () => {
      // The close handler does the bookkeeping; an abrupt disconnect is a normal event here.
    });
  }

  private identify(socket: WebSocket, data: Json): GatewaySession | null {
    if (data['token'] !== this.options.token() && data['token'] !== `Bot ${this.options.token()}`) {
      socket.close(4004, 'Authentication failed.');
      return null;
    }
    const shard = Array.isArray(data['shard']) ? data['shard'] : [0, 1];
    const shardId = Number(shard[0] ?? 0);
    const shardCount = Number(shard[1] ?? 1);
    if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardCount < 1 || shardId >= shardCount) {
      socket.close(4010, 'Invalid shard.');
      return null;
    }
    const session: GatewaySession = {
      id: randomUUID().replaceAll('-', ''),
      shardId,
      shardCount,
      intents: Number(data['intents'] ?? 0),
      seq: 0,
      sent: [],
      socket,
      identifiedAt: Date.now(),
      resumes: 0,
    };
    this.sessions.set(session.id, session);
    this.identifies.push({
      shardId,
      shardCount,
      bucket: shardId % this.options.maxConcurrency,
      at: session.identifiedAt,
    });
    const { state } = this.options;
    const guilds = [...state.guilds.values()].filter(
      (guild) => state.member(guild.id, state.botUser.id) && shardOf(guild.id, shardCount) === shardId,
    );
    this.dispatchTo(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...state.apiUser(state.botUser), verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url,
      shard: [shardId, shardCount],
      application: { id: state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['escale-emulator'],
    });
    for (const guild of guilds) this.dispatchTo(session, 'GUILD_CREATE', state.apiGuildCreate(guild));
    return session;
  }

  private resume(socket: WebSocket, data: Json): GatewaySession | null {
    const session = this.sessions.get(String(data['session_id']));
    if (!session || data['token'] !== this.options.token()) {
      // d: false tells the client to identify again from scratch.
      this.send(socket, { op: GatewayOp.InvalidSession, d: false });
      return null;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    session.resumes += 1;
    const since = Number(data['seq'] ?? 0);
    const oldestKept = session.sent[0]?.s ?? session.seq + 1;
    if (since + 1 < oldestKept) {
      // The events the client missed are no longer buffered: like Discord, make it start over.
      this.sessions.delete(session.id);
      session.socket = null;
      this.send(socket, { op: GatewayOp.InvalidSession, d: false });
      return null;
    }
    for (const payload of session.sent) if (payload.s > since) this.send(socket, payload);
    this.dispatchTo(session, 'RESUMED', { _trace: ['escale-emulator'] });
    return session;
  }

  private requestGuildMembers(session: GatewaySession, data: Json): void {
    const { state } = this.options;
    const guildIds = Array.isArray(data['guild_id']) ? data['guild_id'].map(String) : [String(data['guild_id'])];
    const query = typeof data['query'] === 'string' ? data['query'].toLowerCase() : null;
    const userIds = Array.isArray(data['user_ids'])
      ? data['user_ids'].map(String)
      : data['user_ids'] !== undefined
        ? [String(data['user_ids'])]
        : null;
    const limit = Number(data['limit'] ?? 0);
    for (const guildId of guildIds) {
      let members = state.guildMembers(guildId);
      if (userIds) members = members.filter((member) => userIds.includes(member.userId));
      else if (query) {
        members = members.filter((member) => {
          const user = state.users.get(member.userId);
          return [user?.username, user?.globalName, member.nick].some((name) => name?.toLowerCase().startsWith(query));
        });
      }
      if (limit > 0) members = members.slice(0, limit);
      const found = new Set(members.map((member) => member.userId));
      this.dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
        guild_id: guildId,
        members: members.map((member) => state.apiMember(member)),
        chunk_index: 0,
        chunk_count: 1,
        not_found: userIds ? userIds.filter((id) => !found.has(id)) : [],
        ...(data['nonce'] !== undefined ? { nonce: data['nonce'] } : {}),
      });
    }
  }

  private broadcast(event: string, data: unknown, guildId: string | null): void {
    for (const session of this.sessions.values()) {
      const shard = guildId ? shardOf(guildId, session.shardCount) : 0;
      if (shard !== session.shardId) continue;
      const intent = requiredIntent(event, guildId);
      if (intent !== 0 && (session.intents & intent) === 0) continue;
      this.dispatchTo(session, event, this.withoutPrivilegedContent(session, event, data));
    }
  }

  /**
   * Without the MessageContent intent Discord blanks content, embeds, attachments and components,
   * except in DMs, in the bot's own messages, and in messages that mention the bot.
   */
  private withoutPrivilegedContent(session: GatewaySession, event: string, data: unknown): unknown {
    if (event !== 'MESSAGE_CREATE' && event !== 'MESSAGE_UPDATE') return data;
    if ((session.intents & Intent.MessageContent) !== 0) return data;
    const message = data as Json;
    const botId = this.options.state.botUser.id;
    const author = message['author'] as Json | undefined;
    const mentions = Array.isArray(message['mentions']) ? (message['mentions'] as Json[]) : [];
    if (!message['guild_id'] || author?.['id'] === botId || mentions.some((user) => user['id'] === botId)) return data;
    return { ...message, content: '', embeds: [], attachments: [], components: [] };
  }

  private dispatchTo(session: GatewaySession, event: string, data: unknown): void {
    session.seq += 1;
    const payload: BufferedDispatch = { op: 0, s: session.seq, t: event, d: data };
    session.sent.push(payload);
    // Trimmed in batches: splicing on every dispatch would copy the whole buffer each time.
    if (session.sent.length > REPLAY_BUFFER_SIZE + 1_000)
      session.sent.splice(0, session.sent.length - REPLAY_BUFFER_SIZE);
    if (session.socket) this.send(session.socket, payload);
  }

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  /** Closes the bot's connections without ending their sessions, so discord.js resumes. */
  drop(code: number): void {
    for (const session of this.sessions.values()) {
      session.socket?.close(code, 'Emulator dropped the connection');
    }
  }

  /** Asks the bot to reconnect and resume (op 7), as Discord does during its deploys. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) {
      if (session.socket) this.send(session.socket, { op: GatewayOp.Reconnect, d: null });
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
