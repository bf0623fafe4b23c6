import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Pretty in a terminal, JSON otherwise. The token is redacted wherever it could appear;
 * see also scrubSecrets, applied to every error message we log.
 */
export function createLogger(options: {
  level: string;
  secrets?: string[];
  pretty?: boolean;
  /** Where JSON lines go instead of stdout (tests capture the output to scan it). */
  destination?: pino.DestinationStream;
}): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const pretty = options.destination ? false : (options.pretty ?? process.stdout.isTTY === true);
  const settings: pino.LoggerOptions = {
    level: options.level,
    redact: {
      paths: ['token', '*.token', 'config.discordToken', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
    hooks: {
      streamWrite: (line) => scrubSecrets(line, secrets),
    },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

export function scrubSecrets(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join('[redacted]');
  return result;
}

export const silentLogger: Logger = pino({ level: 'silent' });
