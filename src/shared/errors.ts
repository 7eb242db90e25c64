// Error codes and the error type that crosses every boundary (IPC, WebSocket, CLI).
// Every error a user can cause has a code and a sentence that says what to do.

export const ERROR_CODES = [
  'BAD_ARGUMENTS',
  'UNKNOWN_METHOD',
  'UNKNOWN_DEVICE',
  'OUT_OF_LIMITS',
  'NOT_FOUND',
  'BUSY',
  'FORBIDDEN',
  'IO_ERROR',
  'CONFIG_ERROR',
  'UNAVAILABLE',
  'INTERNAL',
  /** A file the user asked to write exists; the message names no control, each front end adds its own. */
  'EXISTS',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export class DaqError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DaqError';
    this.code = code;
  }
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** What crosses a transport: never a thrown exception, always one of these. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof DaqError) return err.toInfo();
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const code = String((err as { code: unknown }).code);
    if ((ERROR_CODES as readonly string[]).includes(code)) {
      return { code: code as ErrorCode, message: String((err as { message: unknown }).message) };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Internal error: ${message}. This is a bug; please report it with the log.` };
}
