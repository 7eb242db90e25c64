// The Viewer's acquisitions (DAQ_Viewer): Grab (continuous), Snap (one frame) and Stop, per detector. Every
// frame goes to the continuous saver when Do Save is on; the UI gets the newest frame at most ~30 times a
// second (faster frames are skipped for display, never for saving).
import { DaqError } from '../../shared/errors.ts';
import type { ViewerFrame, ViewerState } from '../../shared/viewer.ts';
import type { Detector, DetectorValue } from '../instrument/detectors.ts';
import type { Instrument } from '../instrument/instrument.ts';
import { newSeed, Rng } from '../instrument/rng.ts';

export interface ViewerDeps {
  instrument: Instrument;
  /** Newest frame for display (throttled by the caller's event rate). */
  display: (f: ViewerFrame) => void;
  /**
   * Every frame, for the saver; a promise makes acquisition wait (the saver's queue is full). `release`, when
   * given, is to be called once the saver holds `value` no longer (it copied it, or did not keep it): a grab may
   * then fill the same buffer with a later frame. Never calling it is always safe; calling it early is not.
   */
  record: (detector: Detector, value: DetectorValue, time: number, seq: number, release?: () => void) => void | Promise<void>;
  /** Called after a grab starts or ends or an exposure changes, so every window follows without polling. */
  changed?: (state: ViewerState) => void;
  /** The random source's seed (the session's --seed), so a seed reproduces every grabbed frame; default: random. */
  seed?: number;
}

const DISPLAY_MS = 33;
/** Frames a grab keeps for reuse: a few more than a saver's batch holds (8 MB), and at most ~32 MB of them. */
const POOL_FRAMES = 24;
const POOL_BYTES = 32 * 2 ** 20;

interface Grab {
  stop: boolean;
  done: Promise<number>;
  frames: number;
}

export class Viewer {
  private readonly deps: ViewerDeps;
  private readonly grabs = new Map<string, Grab>();
  /** Integration time per detector (s); the camera defaults to 20 ms (50 fps). */
  readonly expTimes = new Map<string, number>();
  private rng: Rng;
  private reseeds = 0;
  private lastDisplay = new Map<string, number>();

  constructor(deps: ViewerDeps) {
    this.deps = deps;
    this.rng = new Rng(deps.seed ?? newSeed());
  }

  expTime(name: string): number {
    return this.expTimes.get(name) ?? (this.deps.instrument.detector(name).info().ndim === 2 ? 0.02 : 0.05);
  }

  setExpTime(name: string, seconds: number): void {
    this.deps.instrument.detector(name);
    if (!(seconds >= 0 && seconds <= 3600)) throw new DaqError('BAD_ARGUMENTS', `exposure must be between 0 and 3600 s, got ${seconds}`);
    this.expTimes.set(name, seconds);
    this.announce();
  }

  /** Which detectors grab and every detector's exposure. */
  state(): ViewerState {
    const exposures = Object.fromEntries([...this.deps.instrument.detectors.keys()].map((name) => [name, this.expTime(name)]));
    return { grabbing: this.grabbing(), exposures };
  }

  private announce(): void {
    this.deps.changed?.(this.state());
  }

  /** Starts the simulated noise on a new seed (a continuous-saving file records it) and returns the seed. */
  reseed(): number {
    // With a session seed (--seed), each file's seed follows from it, so the same command reproduces the frames.
    const seed = this.deps.seed !== undefined ? (this.deps.seed + ++this.reseeds) >>> 0 : newSeed();
    this.rng = new Rng(seed);
    return seed;
  }

  grabbing(): string[] {
    return [...this.grabs.keys()];
  }

  private acquire(det: Detector, into?: Uint16Array): { value: DetectorValue; time: number } {
    const inst = this.deps.instrument;
    const value = det.acquire({ position: (m) => inst.motor(m).truePosition(), expTime: this.expTime(det.name), rng: this.rng, into });
    return { value, time: Date.now() / 1000 };
  }

  /** Shows the frame unless one was shown less than DISPLAY_MS ago; says whether it did. */
  private show(det: Detector, value: DetectorValue, time: number, seq: number, force = false): boolean {
    const now = performance.now();
    if (!force && now - (this.lastDisplay.get(det.name) ?? 0) < DISPLAY_MS) return false;
    this.lastDisplay.set(det.name, now);
    const info = det.info();
    this.deps.display({ detector: det.name, seq, time, shape: info.shape, units: info.units, value });
    return true;
  }

  /** One acquisition, shown and (when Do Save is on) saved. */
  async snap(name: string): Promise<ViewerFrame> {
    const det = this.deps.instrument.detector(name);
    if (this.grabs.has(name)) throw new DaqError('BUSY', `${name} is grabbing; stop it before a snap.`);
    const t = this.expTime(name);
    if (t > 0) await new Promise((r) => setTimeout(r, t * 1000));
    const { value, time } = this.acquire(det);
    await this.deps.record(det, value, time, 1);
    this.show(det, value, time, 1, true);
    const info = det.info();
    return { detector: name, seq: 1, time, shape: info.shape, units: info.units, value };
  }

  /** Acquires continuously (or `frames` times) until stopped; resolves with the number of frames. */
  grab(name: string, frames?: number): Promise<number> {
    const det = this.deps.instrument.detector(name);
    if (this.grabs.has(name)) throw new DaqError('BUSY', `${name} is already grabbing.`);
    const g: Grab = { stop: false, frames: 0, done: Promise.resolve(0) };
    // Listed before the loop starts: a short grab (0 s exposure, few frames) may end before the loop first waits.
    this.grabs.set(name, g);
    // Camera frames the saver has copied and the display never got, for the next frames: a new 512 KB frame per
    // acquisition (~100 MB/s at full speed, outside V8's heap) made V8 run a full garbage collection every ~0.1 s,
    // the main thread's longest pauses. A shown frame is the display's (clients may keep it), never reused.
    const pool: Uint16Array[] = [];
    const recycle = (frame: Uint16Array) => {
      if (pool.length < Math.max(2, Math.min(POOL_FRAMES, Math.floor(POOL_BYTES / frame.byteLength)))) pool.push(frame);
    };
    g.done = (async () => {
      let lastYield = performance.now();
      // finally: a grab that ends with an error (the saver refused a frame) is no longer listed as grabbing.
      try {
        while (!g.stop && (frames === undefined || g.frames < frames)) {
          const t = this.expTime(name);
          if (t > 0) await new Promise((r) => setTimeout(r, t * 1000));
          else if (performance.now() - lastYield > 8) {
            await new Promise((r) => setImmediate(r));
            lastYield = performance.now();
          }
          if (g.stop) break;
          const { value, time } = this.acquire(det, pool.pop());
          g.frames += 1;
          // The saver may release the frame during record() (not saving, or a batch copied at once) or later;
          // either way it goes back to the pool only once show() has decided that the display did not get it.
          let settled = false;
          let shown = false;
          let released = false;
          const release =
            value instanceof Uint16Array
              ? () => {
                  if (released) return;
                  released = true;
                  if (settled && !shown) recycle(value);
                }
              : undefined;
          const pending = this.deps.record(det, value, time, g.frames, release);
          shown = this.show(det, value, time, g.frames);
          settled = true;
          if (released && !shown) recycle(value as Uint16Array);
          if (pending) await pending;
        }
      } finally {
        this.grabs.delete(name);
        this.announce();
      }
      return g.frames;
    })();
    this.announce();
    return g.done;
  }

  async stop(name: string): Promise<number> {
    const g = this.grabs.get(name);
    if (!g) return 0;
    g.stop = true;
    return g.done;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.grabs.keys()].map((n) => this.stop(n)));
  }
}
