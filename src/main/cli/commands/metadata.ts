// `daq metadata list|set|remove`: the session metadata registry (shared with the app through the data dir).
import { MetadataCategory, MetadataKey, MetadataTiming } from '../../../shared/metadata.ts';
import { UsageError, type Command } from '../command.ts';

export const metadata: Command = {
  name: 'metadata',
  usage: 'daq metadata list | set <category> <name> <json-value> [--timing START|END|PREPARED] | remove <category> <name>',
  summary: 'Show and edit the session metadata written with every scan.',
  options: { timing: { type: 'string' } },
  async run(ctx) {
    const [action, category, name, value] = ctx.positionals;
    const s = await ctx.session();
    try {
      if (action === 'list' || action === undefined) {
        const list = s.metadata.list();
        if (ctx.json) ctx.out(JSON.stringify(list));
        else ctx.out(list.length ? list.map((e) => `${e.category}/${e.name} = ${JSON.stringify(e.value)}  (${e.timing})`).join('\n') : 'No session metadata. Add some with `daq metadata set sample name \'"Si 111"\'`.');
        return 0;
      }
      const c = MetadataCategory.safeParse(category);
      const n = MetadataKey.safeParse(name);
      if (!c.success || !n.success) {
        const why = (!c.success ? c.error : n.error)?.issues[0]?.message;
        throw new UsageError(`give a category and a name (identifiers, e.g. sample name)${why && (category ?? '') !== '' && (name ?? '') !== '' ? `: ${why}` : ''}`);
      }
      if (action === 'set') {
        if (value === undefined) throw new UsageError('give the value as JSON, e.g. \'"Si 111"\' or 12.5');
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          parsed = value; // a bare word is taken as a string
        }
        const t = ctx.values.timing === undefined ? undefined : MetadataTiming.safeParse(String(ctx.values.timing).toUpperCase());
        if (t && !t.success) throw new UsageError('--timing is START, END or PREPARED');
        const e = await s.api.setMetadata(c.data, n.data, parsed, t?.data);
        ctx.out(ctx.json ? JSON.stringify(e) : `${e.category}/${e.name} = ${JSON.stringify(e.value)} (${e.timing})`);
        return 0;
      }
      if (action === 'remove') {
        await s.api.removeMetadata(c.data, n.data);
        ctx.out(ctx.json ? JSON.stringify({ removed: `${c.data}/${n.data}` }) : `removed ${c.data}/${n.data}`);
        return 0;
      }
      throw new UsageError(`unknown action "${action}": list, set or remove`);
    } finally {
      await s.close();
    }
  },
};
