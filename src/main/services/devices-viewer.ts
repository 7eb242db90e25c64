// Devices and the Viewer: list and describe devices, move and stop motors (refused while a scan drives them;
// positions followed at ~20 Hz and saved for the next start), and the Viewer's snap, grab, stop and exposure.
import type { MotorPosition } from '../../shared/api.ts';
import { DaqError } from '../../shared/errors.ts';
import type { RunEngine } from '../acquisition/engine.ts';
import { syncMotors } from '../acquisition/scan-request.ts';
import type { Viewer } from '../acquisition/viewer.ts';
import type { Log } from '../event-bus.ts';
import type { Instrument } from '../instrument/instrument.ts';
import type { MotorFollower } from '../motor-follower.ts';
import type { ContinuousSaver } from '../storage/continuous-saver.ts';
import type { Handlers } from './handlers.ts';

export function deviceHandlers(d: { instrument: Instrument; engine: RunEngine; follower: MotorFollower }): Handlers<'listDevices' | 'getDevice' | 'moveMotor' | 'stopMotor'> {
  const { instrument: inst, engine } = d;
  return {
    listDevices: async () => (syncMotors(inst, engine), inst.list()),
    getDevice: async (name: string) => (syncMotors(inst, engine), inst.device(name)),
    moveMotor: async (name: string, target: number): Promise<MotorPosition> => {
      if (engine.state !== 'idle') throw new DaqError('BUSY', `A scan is running; ${name} moves when it has ended (or stop it first).`);
      syncMotors(inst, engine);
      const m = inst.motor(name);
      m.check(target);
      const done = m.move(target);
      d.follower.follow();
      await done;
      inst.savePositions();
      return m.position();
    },
    stopMotor: async (name: string) => {
      const m = inst.motor(name);
      m.stop();
      inst.savePositions();
      return m.position();
    },
  };
}

export function viewerHandlers(d: { instrument: Instrument; viewer: Viewer; saver: ContinuousSaver; log: Log }): Handlers<'viewerSnap' | 'viewerGrab' | 'viewerStop' | 'viewerSetExposure' | 'getViewerState'> {
  const { viewer } = d;
  return {
    viewerSnap: async (name: string) => viewer.snap(name),
    viewerGrab: async (name: string) => {
      void viewer.grab(name).catch((err: unknown) => d.log('error', `Grab of ${name} stopped: ${(err as Error).message}`));
      return { grabbing: viewer.grabbing() };
    },
    viewerStop: async (name: string) => {
      d.instrument.detector(name);
      const frames = await viewer.stop(name);
      return { frames, grabbing: viewer.grabbing() };
    },
    viewerSetExposure: async (name: string, seconds: number) => (viewer.setExpTime(name, seconds), { detector: name, exposure: seconds }),
    getViewerState: async () => {
      // The Viewer is open: get the saver's writer thread ready, so Do Save answers at once (within 200 ms).
      void d.saver.warm();
      return { ...viewer.state(), saver: d.saver.status() };
    },
  };
}
