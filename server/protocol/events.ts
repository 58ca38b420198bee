import { z } from 'zod';
import type { DisplayCommand, DisplayInfo, Heartbeat } from './display.js';
import type { Ack } from './errors.js';
import type { Delta, Snapshot } from './state.js';
import type { WireDelta } from './wire.js';

/** Events the server emits; names are `domain:verb`. */
export interface ServerToClientEvents {
  'state:snapshot': (snapshot: Snapshot) => void;
  'state:delta': (delta: Delta) => void;
  /** Proof of life every heartbeatSeconds, even when nothing changes. */
  'sys:heartbeat': (beat: Heartbeat) => void;
  /** An admin's instruction to this wall. */
  'display:command': (command: DisplayCommand) => void;
}

/** What a client that asks for the wire format (`auth.delta: DELTA_WIRE`) is sent; a server that predates it sends plain deltas. */
export type WireServerEvents = Omit<ServerToClientEvents, 'state:delta'> & { 'state:delta': (delta: Delta | WireDelta) => void };

/** Events a client may emit. */
export interface ClientToServerEvents {
  /** The client saw a gap in `seq`: the server answers with a fresh `state:snapshot` (and acks its seq). */
  'state:resync': (ack?: (result: Ack<{ seq: number }>) => void) => void;
  /** A wall reports what it shows (scene, playlist, size) so admins can see it. */
  'display:update': (info: DisplayInfo) => void;
}

const displayId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

export const displayInfoSchema = z.strictObject({
  id: displayId,
  width: z.number().int().min(0).max(100_000),
  height: z.number().int().min(0).max(100_000),
  version: z.string().max(40),
  mode: z.string().max(20),
  playlist: z.string().max(64),
  scene: z.number().int().min(0).max(1000),
  paused: z.boolean(),
});

/**
 * socket.io handshake `auth`: where the client left off (to catch up by seq instead of a
 * whole snapshot) and, for walls, who it is.
 */
export const handshakeSchema = z.strictObject({
  /** A display/unit/admin token, when the province requires one for reading. */
  token: z.string().max(200).optional(),
  resume: z.strictObject({ epoch: z.string().max(64), seq: z.number().int().min(0) }).optional(),
  display: displayInfoSchema.optional(),
  /** The newest delta format the client reads (server/protocol/wire.ts); absent: plain deltas (1). */
  delta: z.number().int().min(1).max(1000).optional(),
});
export type Handshake = z.infer<typeof handshakeSchema>;
