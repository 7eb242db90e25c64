// The run engine and its document stream: order and shape of documents, pause/resume/stop/abort, relative
// return, refusals before anything moves, failing consumers, reproducible numbers from a seed.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MotorInfo } from '../../../src/shared/api.ts';
import type { Doc, EventDoc } from '../../../src/shared/documents.ts';
import { backpressure } from '../../../src/main/backpressure.ts';
import { definePlan } from '../../../src/main/acquisition/plans.ts';
import { Session } from '../../../src/main/session.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let dir: string;
let s: Session;
let docs: Doc[];

function open(opts: Partial<ConstructorParameters<typeof Session>[0]> = {}): Session {
  const session = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, ...opts });
  return session;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daq-engine-'));
  s = open();
  docs = [];
  s.engine.subscribe((d) => void docs.push(d));
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const events = () => docs.filter((d): d is { name: 'event'; doc: EventDoc } => d.name === 'event').map((d) => d.doc);
// The file writer's first scan loads h5wasm in its thread; the engine waits for the entry before the first
// point, so tests with a short subscriber timeout run one scan first.
const warmWriter = async () => {
  await s.scan({ type: 'count', points: 1, detectors: ['det'] });
  docs.length = 0;
};
const until = (cond: () => boolean, what: string) => waitFor(cond, { what });

describe('document stream', () => {
  it('emits start, descriptor, one event per point and stop, in that order, with the fields of the event model', async () => {
    const r = await s.scan({ type: 'line', motor: 'samx', start: -1, stop: 1, points: 5, detectors: ['det', 'spectrum1', 'eiger1'], md: { sample: { name: 'Si', 'thickness@units': 'mm', thickness: 0.5 } } });
    // The writer announces its file with a resource document right after the descriptor; the report reads it there.
    expect(docs.map((d) => d.name)).toEqual(['start', 'descriptor', 'resource', 'event', 'event', 'event', 'event', 'event', 'stop']);
    const resource = docs[2]!.doc as Extract<Doc, { name: 'resource' }>['doc'];
    expect(resource).toMatchObject({ run_start: r.uid, spec: 'NeXus', resource_path: r.file, entry: r.entry });
    expect(r.file).toMatch(/\.h5$/);
    const start = docs[0]!.doc as Extract<Doc, { name: 'start' }>['doc'];
    expect(start).toMatchObject({ uid: r.uid, scan_number: r.scanNumber, plan_name: 'line_scan', detectors: ['det', 'spectrum1', 'eiger1'], motors: ['samx'], num_points: 5, title: 'line_scan samx -1 1 5 0' });
    expect(start.plan_args).toMatchObject({ motor: 'samx', start: -1, stop: 1, points: 5 });
    expect(start.md).toMatchObject({ sample: { name: 'Si', 'thickness@units': 'mm', thickness: 0.5 } });
    expect(Object.keys(start.positioners_start).sort()).toEqual(['chi', 'omega', 'phi', 'samx', 'samy', 'samz', 'ttheta']);
    expect(typeof start.seed).toBe('number');
    expect(start.instrument_config).toContain('motors:');
    const desc = docs[1]!.doc as Extract<Doc, { name: 'descriptor' }>['doc'];
    expect(desc.run_start).toBe(r.uid);
    expect(desc.data_keys.samx).toMatchObject({ dtype: 'number', shape: [], units: 'mm' });
    expect(desc.data_keys.spectrum1).toMatchObject({ dtype: 'array', shape: [1024], dtype_numpy: 'float64' });
    expect(desc.data_keys.eiger1).toMatchObject({ dtype: 'array', shape: [512, 512], dtype_numpy: 'uint16' });
    expect(desc.configuration.det).toHaveProperty('center');
    const ev = events();
    expect(ev.map((e) => e.seq_num)).toEqual([1, 2, 3, 4, 5]);
    for (const e of ev) {
      expect(e.descriptor).toBe(desc.uid);
      expect(Object.keys(e.data).sort()).toEqual(['det', 'eiger1', 'samx', 'spectrum1']);
      expect(Object.keys(e.timestamps).sort()).toEqual(['det', 'eiger1', 'samx', 'spectrum1']);
      expect(e.data.eiger1).toBeInstanceOf(Uint16Array);
      expect((e.data.eiger1 as Uint16Array).length).toBe(512 * 512);
    }
    expect((ev.map((e) => e.data.samx) as number[]).map((v) => Math.round(v * 100) / 100 + 0)).toEqual([-1, -0.5, 0, 0.5, 1]); // + 0: readback noise may round to -0
    const stop = docs.at(-1)!.doc as Extract<Doc, { name: 'stop' }>['doc'];
    expect(stop).toMatchObject({ run_start: r.uid, exit_status: 'success', reason: '', num_events: 5 });
    expect(stop.positioners_end.samx).toBeCloseTo(1, 3);
    expect(r).toMatchObject({ status: 'success', numPoints: 5, planName: 'line_scan', entry: `${r.scanNumber}.1` });
    expect(r.file).toMatch(/files\/\d{4}\/\d{8}\/Dataset_\d{8}_001\.h5$/);
    expect(r.endTime).toBeGreaterThanOrEqual(r.startTime);
  });

  it('records every 0-D detector when no detector is named', async () => {
    await s.scan({ type: 'count', points: 2 });
    expect(Object.keys(events()[0]!.data).sort()).toEqual(['det', 'diode1', 'monitor']);
  });

  it('numbers scans one after the other and keeps counting after a restart', async () => {
    const a = await s.scan({ type: 'count', points: 1 });
    const b = await s.scan({ type: 'count', points: 1 });
    expect(b.scanNumber).toBe(a.scanNumber + 1);
    await s.close();
    s = open();
    const c = await s.scan({ type: 'count', points: 1 });
    expect(c.scanNumber).toBe(b.scanNumber + 1);
  });

  it('reproduces every number of a scan from its seed, across sessions', async () => {
    const run = async (session: Session) => {
      await session.api.moveMotor('samy', 0); // the same starting state
      const got: Doc[] = [];
      const off = session.engine.subscribe((d) => void got.push(d));
      await session.scan({ type: 'line', motor: 'samy', start: -2, stop: 2, points: 4, detectors: ['det', 'diode1', 'spectrum1', 'eiger1', 'monitor'], seed: 1234 });
      off();
      const baseline = got.filter((d) => d.name === 'start' || d.name === 'stop').map((d) => ('positioners_start' in d.doc ? d.doc.positioners_start : 'positioners_end' in d.doc ? d.doc.positioners_end : null));
      const points = got
        .filter((d) => d.name === 'event')
        .map((d) => {
          const data = (d.doc as EventDoc).data;
          return [data.samy, data.det, data.diode1, data.monitor, createHash('sha1').update(data.spectrum1 as Float64Array).digest('hex'), createHash('sha1').update(data.eiger1 as Uint16Array).digest('hex')];
        });
      return { baseline, points };
    };
    const a = await run(s);
    const other = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, seed: undefined });
    const b = await run(other);
    await other.close();
    expect(b).toEqual(a);
    const c = await run(s);
    expect(c).toEqual(a);
  });
});

describe('pause, resume, stop, abort', () => {
  it('pauses before the next point and resumes to the end', async () => {
    const running = s.startScan({ type: 'count', points: 40, expTime: 0.01, detectors: ['det'] });
    await until(() => events().length >= 3, '3 points');
    await s.api.pauseScan();
    await until(() => s.engine.state === 'paused', 'the engine to pause');
    const n = events().length;
    await new Promise((r) => setTimeout(r, 100)); // a fixed wait on purpose: the assertion is "no point for 100 ms"
    expect(events().length).toBe(n);
    expect((await s.api.getScanState()).state).toBe('paused');
    await s.api.resumeScan();
    const r = await running.done;
    expect(r.status).toBe('success');
    expect(r.numPoints).toBe(40);
    expect(events().map((e) => e.seq_num)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('stop finishes the current point and ends as success', async () => {
    const running = s.startScan({ type: 'count', points: 1000, expTime: 0.01, detectors: ['det'] });
    await until(() => events().length >= 2, '2 points');
    await s.api.stopScan();
    const r = await running.done;
    expect(r.status).toBe('success');
    expect(r.numPoints).toBeLessThan(1000);
    expect(r.numPoints).toBe(events().length);
  });

  it('stop also ends a paused scan', async () => {
    const running = s.startScan({ type: 'timescan', expTime: 0.01, detectors: ['det'] });
    await until(() => events().length >= 2, '2 points');
    await s.api.pauseScan();
    await until(() => s.engine.state === 'paused', 'the engine to pause');
    await s.api.stopScan();
    expect((await running.done).status).toBe('success');
  });

  it('abort interrupts, ends as abort, leaves no half point, and returns a relative scan to its start', async () => {
    await s.api.moveMotor('samx', 2);
    const slow = open({ instantMoves: false, dataDir: join(dir, 'data2') });
    const got: Doc[] = [];
    slow.engine.subscribe((d) => void got.push(d));
    await slow.api.moveMotor('samz', 1);
    const running = slow.startScan({ type: 'line', motor: 'samz', start: -0.5, stop: 0.5, points: 5, relative: true, expTime: 0.2, detectors: ['det', 'eiger1'] });
    await until(() => got.some((d) => d.name === 'event'), 'the first point');
    await slow.api.abortScan();
    const r = await running.done;
    expect(r.status).toBe('abort');
    expect(r.reason).toMatch(/aborted/);
    const evs = got.filter((d) => d.name === 'event').map((d) => d.doc as EventDoc);
    expect(evs.length).toBeLessThan(5);
    for (const e of evs) expect(Object.keys(e.data).sort()).toEqual(['det', 'eiger1', 'samz']);
    const stop = got.at(-1)!;
    expect(stop.name).toBe('stop');
    expect((stop.doc as { exit_status: string; num_events: number }).num_events).toBe(evs.length);
    expect(slow.instrument.motor('samz').read()).toBeCloseTo(1, 3);
    await slow.close();
  });

  it('refuses pause/stop/abort when no scan runs, and a second scan while one runs', async () => {
    await expect(s.api.pauseScan()).rejects.toThrow(/No scan is running/);
    await expect(s.api.abortScan()).rejects.toThrow(/No scan is running/);
    const running = s.startScan({ type: 'timescan', expTime: 0.01 });
    await expect(s.api.startScan({ type: 'count', points: 1 })).rejects.toThrow(/still running/);
    await expect(s.api.moveMotor('samx', 1)).rejects.toThrow(/A scan is running/);
    s.engine.abort();
    await running.done;
  });
});

describe('motor positions shared between processes', () => {
  it('an open session picks up a move another process made, and a relative scan starts there', async () => {
    await s.api.moveMotor('samx', 1);
    await s.close(); // writes positions.json now
    s = open();
    const other = open(); // e.g. `daq move samx 2` while the app runs
    await other.api.moveMotor('samx', 2);
    await other.close();
    expect((await s.api.getDevice('samx')) as MotorInfo).toMatchObject({ setpoint: 2 });
    s.engine.subscribe((d) => void docs.push(d));
    const r = await s.scan({ type: 'line', motor: 'samx', start: -1, stop: 1, points: 3, relative: true, detectors: ['det'] });
    expect(r.status).toBe('success');
    expect(events().map((e) => Math.round(e.data.samx as number))).toEqual([1, 2, 3]);
  });

  it('a scan that moves nothing leaves positions.json as it was (no rewrite); a move still writes it', async () => {
    await s.api.moveMotor('samx', 1);
    await s.close(); // writes positions.json now
    const file = join(s.dataDir, 'positions.json');
    const before = statSync(file);
    s = open();
    await s.scan({ type: 'count', points: 3, detectors: ['det'] });
    await s.close();
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    s = open();
    await s.api.moveMotor('samx', 2);
    await s.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).samx).toBe(2);
    s = open();
    expect((await s.api.getDevice('samx')) as MotorInfo).toMatchObject({ setpoint: 2 });
  });
});

describe('custom plans', () => {
  it('runs a plan written as a generator with definePlan, checking its extent before anything moves', async () => {
    // A two-pass plan: out and back over samx, reading twice at the turning point.
    const xs = [0, 0.5, 1, 1, 0.5, 0];
    const plan = definePlan({
      name: 'there_and_back',
      args: { xs },
      title: 'there_and_back samx',
      motors: ['samx'],
      numPoints: xs.length,
      relative: false,
      extent: { samx: [0, 1] },
      positionAt: (i) => [xs[i]!],
      *body() {
        for (const x of xs) {
          yield { type: 'checkpoint' };
          yield { type: 'move', targets: { samx: x } };
          yield { type: 'read' };
        }
      },
    });
    const r = await s.engine.run(plan, { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'success', planName: 'there_and_back', numPoints: 6 });
    expect(events().map((e) => Math.round((e.data.samx as number) * 10) / 10 + 0)).toEqual(xs);
    const far = definePlan({ ...plan, extent: { samx: [0, 50] } });
    expect(() => s.engine.start(far, { detectors: ['det'], expTime: 0 })).toThrow(/samx: 50 mm is outside the limits/);
  });

  it('a plan that throws ends the scan as fail with its message', async () => {
    const plan = definePlan({
      name: 'broken',
      args: {},
      title: 'broken',
      motors: [],
      numPoints: 3,
      relative: false,
      extent: {},
      positionAt: () => [],
      *body() {
        yield { type: 'checkpoint' };
        yield { type: 'read' };
        throw new Error('plan bug: division by zero');
      },
    });
    const r = await s.engine.run(plan, { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'fail', reason: 'plan bug: division by zero', numPoints: 1 });
    expect(docs.at(-1)!.name).toBe('stop');
  });
});

describe('refusals before anything moves', () => {
  it('refuses a scan with any point outside a motor\'s limits, naming the motor and the limits', async () => {
    const before = s.instrument.motor('samx').read();
    const lastNumber = s.scanNumbers.last();
    await expect(s.api.startScan({ type: 'list', motors: ['samx'], positions: [[0], [1], [11]] })).rejects.toThrow(/samx: 11 mm is outside the limits \[-10, 10\] mm/);
    await expect(s.scan({ type: 'line', motor: 'samx', start: 5, stop: 5, points: 3, relative: true })).resolves.toMatchObject({ status: 'success' });
    expect(s.instrument.motor('samx').read()).toBeCloseTo(before, 3);
    docs = [];
    await expect(s.api.startScan({ type: 'grid', axes: [{ motor: 'samx', start: 0, stop: 1, points: 2 }, { motor: 'ttheta', start: -10, stop: 10, points: 3 }] })).rejects.toThrow(/ttheta: -10 deg is outside/);
    expect(docs).toEqual([]);
    expect(s.scanNumbers.last()).toBe(lastNumber + 1); // only the valid relative scan took a number
  });

  it('refuses unknown motors and detectors with the list of known ones', async () => {
    await expect(s.api.startScan({ type: 'line', motor: 'samq', start: 0, stop: 1, points: 2 })).rejects.toThrow(/No motor named "samq". Known motors: samx/);
    await expect(s.api.startScan({ type: 'count', points: 1, detectors: ['det', 'nope'] })).rejects.toThrow(/No detector named "nope"/);
    await expect(s.api.startScan({ type: 'line', motor: 'det', start: 0, stop: 1, points: 2 })).rejects.toThrow(/"det" is a detector, not a motor/);
  });

  it('refuses a scan whose motor is still moving, and a detector named twice', async () => {
    const slow = open({ instantMoves: false, dataDir: join(dir, 'data3') });
    const moving = slow.api.moveMotor('samx', 5); // 1 s at 5 mm/s
    await expect(slow.api.startScan({ type: 'line', motor: 'samx', start: 0, stop: 1, points: 2 })).rejects.toThrow(/samx is still moving/);
    await slow.api.stopMotor('samx');
    await moving;
    await slow.close();
    await expect(s.api.startScan({ type: 'count', points: 1, detectors: ['det', 'det'] })).rejects.toThrow(/Detector det is listed twice/);
  });

  it('refuses NaN and infinite positions with a sentence that says what is wrong', async () => {
    await expect(s.api.startScan({ type: 'line', motor: 'samx', start: NaN, stop: 1, points: 2 })).rejects.toThrow(/start: must be a finite number/);
    await expect(s.api.startScan({ type: 'list', motors: ['samx'], positions: [[Infinity]] })).rejects.toThrow(/finite number/);
  });
});

describe('a motor that stops answering', () => {
  it('fails the scan with the motor named and stops every motor', async () => {
    const cfg = join(dir, 'faulty.yaml');
    writeFileSync(cfg, 'settings: { moveTimeout: 0.3 }\nmotors:\n  samx: { units: mm, limits: [-10, 10], velocity: 100 }\n  stuck: { units: mm, limits: [-10, 10], velocity: 100, fault: unresponsive }\ndetectors:\n  det: { type: gaussian, motor: samx }\n');
    const f = new Session({ dataDir: join(dir, 'faulty'), basePath: join(dir, 'faulty-files'), instrumentFile: cfg });
    const r = await f.scan({ type: 'multi', axes: [{ motor: 'samx', start: 0, stop: 1 }, { motor: 'stuck', start: 0, stop: 1 }], points: 3, detectors: ['det'] });
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/Motor stuck stopped answering: its move to 0 mm did not finish within 0\.3 s\. The scan was aborted and the motors stopped/);
    expect(r.numPoints).toBe(0);
    expect(f.instrument.motor('samx').moving).toBe(false);
    await f.close();
  });
});

describe('consumers', () => {
  it('a failing consumer ends the scan as fail with its error as the reason', async () => {
    s.engine.subscribe((d) => {
      if (d.name === 'event' && d.doc.seq_num === 3) throw new Error('disk full: /data/x.h5');
    });
    const r = await s.scan({ type: 'count', points: 20, detectors: ['det'] });
    expect(r.status).toBe('fail');
    expect(r.reason).toBe('disk full: /data/x.h5');
    expect(r.numPoints).toBeLessThanOrEqual(4);
    expect(docs.at(-1)!.name).toBe('stop');
  });

  it('waits for asynchronous consumers before returning the report', async () => {
    let finished = 0;
    s.engine.subscribe(async (d) => {
      await new Promise((r) => setTimeout(r, 1)); // a consumer that takes time, not a wait of the test
      if (d.name === 'stop') finished = Date.now();
    });
    await s.scan({ type: 'count', points: 5, detectors: ['det'] });
    expect(finished).toBeGreaterThan(0);
  });

  it('a consumer that never answers cannot stall the scan: it is logged, still gets every document, and the scan ends', async () => {
    await warmWriter();
    s.engine.subscriberTimeoutMs = 500;
    const logs: string[] = [];
    s.on('app.log', (l) => logs.push(l.message));
    const seen: number[] = [];
    s.engine.subscribe((d) => {
      if (d.name === 'event') seen.push(d.doc.seq_num);
      return new Promise<void>(() => undefined); // never settles
    });
    const r = await s.scan({ type: 'count', points: 20_000, detectors: ['det'] });
    expect(r).toMatchObject({ status: 'success', numPoints: 20_000 });
    expect(seen).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 1));
    expect(logs.some((m) => /did not respond|did not finish/.test(m))).toBe(true);
    // The next scan does not wait again for what the stuck consumer never finished.
    await expect(s.scan({ type: 'count', points: 3, detectors: ['det'] })).resolves.toMatchObject({ status: 'success', numPoints: 3 });
  });

  it('a writer stuck on backpressure fails the scan instead of hanging it, and says why', async () => {
    await warmWriter();
    s.engine.subscriberTimeoutMs = 500;
    s.engine.subscribe((d) => (d.name === 'event' && d.doc.seq_num === 2 ? backpressure(new Promise<void>(() => undefined)) : undefined));
    const r = await s.scan({ type: 'count', points: 10, detectors: ['det'] });
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/file writer accepted no data/);
    expect(r.numPoints).toBe(2);
    expect(docs.at(-1)!.name).toBe('stop');
  });

  it('abort ends a scan that waits for a stuck writer', async () => {
    s.engine.subscriberTimeoutMs = 1500;
    let stuck = false;
    s.engine.subscribe((d) => {
      if (d.name === 'event' && d.doc.seq_num === 2) {
        stuck = true;
        return backpressure(new Promise<void>(() => undefined));
      }
    });
    const running = s.startScan({ type: 'count', points: 10, detectors: ['det'] });
    await until(() => stuck, 'the writer to block on point 2');
    s.engine.abort();
    const r = await running.done;
    expect(r.status).toBe('abort'); // not "fail": the abort ended the wait before the timeout did
    expect(r.numPoints).toBe(2);
  });

  it('honours exp_time: each point integrates that long', async () => {
    const r = await s.scan({ type: 'count', points: 3, expTime: 0.05, detectors: ['det'] });
    expect(r.elapsed).toBeGreaterThanOrEqual(0.14);
  });
});
