import { z } from 'zod';

const flag = z.enum(['0', '1'], { error: 'expected 0 or 1' });
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'expected a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `expected at least ${min}` })
        .max(max, { error: `expected at most ${max}` }),
    );

/** The environment the server reads, checked at start: a typo stops it with the variable's name. */
export const envSchema = z
  .object({
    PORT: int(0, 65_535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).optional(),
    /** PostgreSQL instead of SQLite; the node joins the cluster on that database. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'expected postgres://user@host:port/db' })
      .optional(),
    /** With DATABASE_URL: share socket.io broadcasts between nodes through Redis Streams. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, { error: 'expected redis://host:port' })
      .optional(),
    IOC_CONFIG: z.string().min(1).optional(),
    IOC_GEO_DIR: z.string().min(1).optional(),
    IOC_ADMIN_TOKEN: z
      .string()
      .min(12, { error: 'expected a token of at least 12 characters' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    IOC_DEMO: flag.default('1'),
    IOC_DEMO_SPEED: z
      .string()
      .transform(Number)
      .pipe(z.number({ error: 'expected a number' }).positive({ error: 'expected a positive number' }).max(1_000_000))
      .optional(),
    IOC_SIMULATE: flag.default('1'),
    IOC_SKIP_WEB_BUILD: flag.default('0'),
    /** 0 turns the ticker off; otherwise at least a quarter second. */
    IOC_TICK_MS: int(0, 3_600_000)
      .refine((n) => n === 0 || n >= 250, { error: 'expected 0 (off) or at least 250' })
      .default(5000),
    /** Write requests per client (address and token) per minute. */
    IOC_WRITE_LIMIT: int(1, 100_000).default(120),
    /** Open sockets (walls, touch screens, briefings) allowed from one address; more are refused. */
    IOC_SOCKETS_PER_ADDRESS: int(1, 100_000).default(64),
    /** Audit rows older than this are deleted (export them first: README, Audit). Read by server/http/limits.ts. */
    IOC_AUDIT_RETENTION_DAYS: int(1, 36_500).optional(),
    /** CSP frame-ancestors, space-separated (who may embed the web app). Read by server/http/headers.ts. */
    IOC_FRAME_ANCESTORS: z
      .string()
      .regex(/^[^;,]+$/, { error: "expected sources separated by spaces, e.g. 'self' https://portal.example" })
      .optional(),
    /** Behind a reverse proxy: the proxies' addresses (e.g. 127.0.0.1), so that client addresses come from X-Forwarded-For. */
    IOC_TRUST_PROXY: z
      .string()
      .regex(/^[0-9a-fA-F.:/, ]+$/, { error: 'expected proxy addresses or CIDRs, comma-separated' })
      .optional(),
    /** Read by server/export/chromium.ts: the browser that renders briefing exports. */
    IOC_CHROMIUM: z.string().min(1).optional(),
    /** Notifications (server/notify/): email through this SMTP server, e.g. smtp://user:pass@mail.example:587. */
    IOC_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, { error: 'expected smtp://host:port or smtps://…' })
      .optional(),
    IOC_SMTP_FROM: z.string().min(3).optional(),
    /** Notifications: a signed webhook (POST JSON, X-IOC-Signature: sha256=HMAC of the body under IOC_WEBHOOK_SECRET). */
    IOC_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'expected http(s)://…' }).optional(),
    IOC_WEBHOOK_SECRET: z.string().min(16, { error: 'expected a secret of at least 16 characters' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((e) => e.IOC_WEBHOOK_URL === undefined || e.IOC_WEBHOOK_SECRET !== undefined, {
    path: ['IOC_WEBHOOK_SECRET'],
    error: 'needs to be set with IOC_WEBHOOK_URL (every webhook call is signed)',
  })
  .refine((e) => e.REDIS_URL === undefined || e.DATABASE_URL !== undefined, {
    path: ['REDIS_URL'],
    error: 'needs DATABASE_URL (the nodes that share Redis share a PostgreSQL database)',
  });
export type Env = z.infer<typeof envSchema>;

/** Parse the environment, or throw an Error naming each bad variable and what was expected. */
export function readEnv(env: NodeJS.ProcessEnv): Env {
  const r = envSchema.safeParse(env);
  if (r.success) return r.data;
  const got = (name: string) => (/TOKEN|_URL/.test(name) ? '' : ` (got "${env[name]}")`); // never echo a secret (a URL may hold a password)
  throw new Error(r.error.issues.map((i) => `environment: ${i.path.join('.')}: ${i.message}${got(String(i.path[0]))}`).join('\n'));
}
