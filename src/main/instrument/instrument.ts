// The simulated instrument: the motors and detectors named by the config, looked up by name.
import type { DetectorInfo, DeviceInfo } from '../../shared/api.ts';
import { DaqError } from '../../shared/errors.ts';
import type { DetectorConfig, InstrumentConfig } from './config.ts';
import { SimMotor } from './motor.ts';

function detectorInfo(name: string, cfg: DetectorConfig): DetectorInfo {
  const { type, units, ...rest } = cfg;
  const settings: Record<string, number | string | boolean> = { type };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) settings[k] = v;
  switch (type) {
    case 'spectrum': {
      const n = typeof cfg.channels === 'number' ? cfg.channels : 1024;
      return { kind: 'detector', name, ndim: 1, shape: [n], dtype: 'float64', units, labels: ['detector'], settings };
    }
    case 'camera': {
      const w = typeof cfg.width === 'number' ? cfg.width : 512;
      const h = typeof cfg.height === 'number' ? cfg.height : 512;
      return { kind: 'detector', name, ndim: 2, shape: [h, w], dtype: 'uint16', units, labels: ['detector'], settings };
    }
    default:
      return { kind: 'detector', name, ndim: 0, shape: [], dtype: 'float64', units, labels: ['detector'], settings };
  }
}

export class Instrument {
  readonly motors = new Map<string, SimMotor>();
  readonly detectors = new Map<string, DetectorInfo>();
  readonly config: InstrumentConfig;

  constructor(config: InstrumentConfig, opts: { instantMoves?: boolean } = {}) {
    this.config = config;
    const instant = opts.instantMoves ?? config.settings.instantMoves;
    for (const [name, cfg] of Object.entries(config.motors)) this.motors.set(name, new SimMotor(name, cfg, instant));
    for (const [name, cfg] of Object.entries(config.detectors)) this.detectors.set(name, detectorInfo(name, cfg));
  }

  motor(name: string): SimMotor {
    const m = this.motors.get(name);
    if (!m) {
      const hint = this.detectors.has(name) ? `"${name}" is a detector, not a motor.` : `Known motors: ${[...this.motors.keys()].join(', ')}.`;
      throw new DaqError('UNKNOWN_DEVICE', `No motor named "${name}". ${hint}`);
    }
    return m;
  }

  device(name: string): DeviceInfo {
    const m = this.motors.get(name);
    if (m) return m.info();
    const d = this.detectors.get(name);
    if (d) return d;
    throw new DaqError('UNKNOWN_DEVICE', `No device named "${name}". Known devices: ${[...this.motors.keys(), ...this.detectors.keys()].join(', ')}.`);
  }

  list(): DeviceInfo[] {
    return [...[...this.motors.values()].map((m) => m.info()), ...this.detectors.values()];
  }
}
