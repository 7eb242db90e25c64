// Commands about the app and its devices: version, devices, move.
import type { MotorInfo } from '../../../shared/api.ts';
import { appVersion } from '../../version.ts';
import { UsageError, type Command } from '../command.ts';

function parseNumber(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${what} must be a finite number, got "${text ?? ''}"`);
  return n;
}

export const version: Command = {
  name: 'version',
  usage: 'daq version [--json]',
  summary: 'Print the app version.',
  async run(ctx) {
    const v = appVersion();
    ctx.out(ctx.json ? JSON.stringify({ ...v, node: process.versions.node }) : `${v.name} ${v.version} (Node ${process.versions.node})`);
    return 0;
  },
};

export const devices: Command = {
  name: 'devices',
  usage: 'daq devices [--json] [--instrument FILE]',
  summary: 'List the motors and detectors of the instrument.',
  async run(ctx) {
    const s = await ctx.session();
    try {
      const list = await s.api.listDevices();
      if (ctx.json) {
        ctx.out(JSON.stringify(list));
        return 0;
      }
      const rows = list.map((d) =>
        d.kind === 'motor'
          ? `${d.name.padEnd(12)} motor     ${fmt(d)}`
          : `${d.name.padEnd(12)} detector  ${d.ndim}-D ${d.shape.length ? d.shape.join('×') + ' ' : ''}${d.dtype} [${d.units}]`,
      );
      ctx.out(['name         kind      details', ...rows].join('\n'));
      return 0;
    } finally {
      await s.close();
    }
  },
};

function fmt(m: MotorInfo): string {
  return `${m.position.toFixed(4)} ${m.units}  limits [${m.limits[0]}, ${m.limits[1]}]  velocity ${m.velocity} ${m.units}/s`;
}

export const move: Command = {
  name: 'move',
  usage: 'daq move <motor> <position> [--json]',
  summary: 'Move a motor to an absolute position and wait until it is there.',
  async run(ctx) {
    const [name, pos] = ctx.positionals;
    if (!name || pos === undefined) throw new UsageError('give a motor and a position');
    const target = parseNumber(pos, 'position');
    const s = await ctx.session();
    try {
      const p = await s.api.moveMotor(name, target);
      ctx.out(ctx.json ? JSON.stringify(p) : `${p.name} at ${p.position.toFixed(4)}`);
      return 0;
    } finally {
      await s.close();
    }
  },
};
