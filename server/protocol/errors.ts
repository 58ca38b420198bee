/** The closed set of error codes a client may receive. Anything else is logged, never sent. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'writes_disabled',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'store_unavailable',
  'rate_limited',
  'conflict',
  'export_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One precise problem in a payload: which row (index in the batch) and which field. */
export interface ErrorDetail {
  row?: number;
  field: string;
  problem: string;
  message: string;
}

export interface ApiError {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

/** socket.io acknowledgement result, one shape for every event. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };
