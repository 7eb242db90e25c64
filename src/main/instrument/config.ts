// Loads and validates the instrument config (YAML). A bad config is refused with the file, the line and the
// reason, before any device is created.
import { readFileSync } from 'node:fs';
import { LineCounter, isNode, parseDocument } from 'yaml';
import { z } from 'zod';
import { Name } from '../../shared/api.ts';
import { DaqError } from '../../shared/errors.ts';

const Finite = z.number().finite();

const MotorConfig = z
  .object({
    units: z.string().max(32).default(''),
    limits: z.tuple([Finite, Finite]).refine(([lo, hi]) => lo < hi, 'limits must be [low, high] with low < high'),
    velocity: Finite.positive('velocity must be > 0').default(1),
    position: Finite.optional(),
    labels: z.array(z.string().max(32)).default(['motor']),
    /** A simulated fault: "unresponsive" motors accept a move and never finish it (for fault tests). */
    fault: z.enum(['none', 'unresponsive']).default('none'),
  })
  .strict();

const DetectorConfig = z
  .object({
    type: z.enum(['gaussian', 'diode', 'spectrum', 'camera', 'monitor']),
    units: z.string().max(32).default('counts'),
    motor: Name.optional(),
    // Free simulation parameters (center, width, noise, scale, channels, width/height ...), checked by the
    // detector that uses them.
  })
  .catchall(z.union([Finite, z.string().max(256), z.boolean()]));

export const InstrumentConfigSchema = z
  .object({
    settings: z
      .object({
        instantMoves: z.boolean().default(false),
        /** Seconds a move may take beyond distance ÷ velocity before the motor counts as not answering. */
        moveTimeout: z.number().positive().max(3600).default(5),
      })
      .strict()
      .default({ instantMoves: false, moveTimeout: 5 }),
    motors: z.record(Name, MotorConfig),
    detectors: z.record(Name, DetectorConfig).default({}),
  })
  .strict();

export type InstrumentConfig = z.infer<typeof InstrumentConfigSchema>;
export type MotorConfig = z.infer<typeof MotorConfig>;
export type DetectorConfig = z.infer<typeof DetectorConfig>;

/** Parses config text; `file` is only used in messages. */
export function parseInstrumentConfig(text: string, file: string): InstrumentConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    throw new DaqError('CONFIG_ERROR', `${file}:${line}: not valid YAML: ${e.message.split('\n')[0]}. Fix the file or start without --instrument.`);
  }
  const parsed = InstrumentConfigSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Walk up the path until a node with a position is found, so the line points at the culprit.
    let line = 1;
    for (let n = issue.path.length; n >= 0; n--) {
      const node = doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) {
        line = lineCounter.linePos(node.range[0]).line;
        break;
      }
    }
    const where = issue.path.join('.') || '(top level)';
    throw new DaqError('CONFIG_ERROR', `${file}:${line}: ${where}: ${issue.message}. Fix the file or start without --instrument.`);
  }
  // Names must be unique across motors and detectors: one namespace of devices.
  for (const name of Object.keys(parsed.data.detectors)) {
    if (name in parsed.data.motors) {
      throw new DaqError('CONFIG_ERROR', `${file}: "${name}" is both a motor and a detector; device names must be unique.`);
    }
  }
  return parsed.data;
}

export function loadInstrumentConfig(file: string): InstrumentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DaqError('CONFIG_ERROR', `Cannot read the instrument config ${file}: ${(err as Error).message}. Check the path given to --instrument.`);
  }
  return parseInstrumentConfig(text, file);
}
