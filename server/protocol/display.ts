/** One scene of a wall playlist. */
export type SceneSpec =
  | { scene: 'overview'; seconds: number }
  | { scene: 'indicator'; indicator: string; seconds: number }
  | { scene: 'ranking'; seconds: number }
  | { scene: 'reports'; seconds: number }
  /** Upcoming deadlines: every deadline in force, days left, and how many units are behind on each indicator. */
  | { scene: 'deadlines'; seconds: number }
  | { scene: 'tasks'; seconds: number };

export type SceneKind = SceneSpec['scene'];

/** GET /api/display: how walls behave (config/display.json). */
export interface DisplayConfig {
  heartbeatSeconds: number;
  /** No message for this long: the wall says its figures may be stale. */
  staleAfterSeconds: number;
  /** Offline for longer than this: reload the page once the server answers again. */
  reloadAfterOfflineMinutes: number;
  alerts: { pulseSeconds: number; tickerItems: number };
  burnIn: { shiftEveryMinutes: number; maxShiftPx: number };
  /** Touch screens: untouched this long, they go back to the overview with live figures. */
  touch: { idleSeconds: number };
  defaultPlaylist: string;
  playlists: Record<string, SceneSpec[]>;
}

/** What a wall tells the server about itself when it connects and as it changes. */
export interface DisplayInfo {
  id: string;
  width: number;
  height: number;
  version: string;
  mode: string;
  playlist: string;
  scene: number;
  paused: boolean;
}

/** A wall as the admin API lists it. */
export interface DisplayStatus extends DisplayInfo {
  connected: boolean;
  /** Last message from the wall (ISO). */
  lastSeen: string;
  address: string;
}

/** What an admin can tell a wall to do. */
export type DisplayCommand = { kind: 'reload' } | { kind: 'scene'; scene: number } | { kind: 'playlist'; playlist: string };

/** Sent every heartbeatSeconds: proof of life, with the seq the wall should have. */
export interface Heartbeat {
  at: string;
  seq: number;
  epoch: string;
  /** The server's version: a wall built for another version reloads itself. */
  version: string;
}
