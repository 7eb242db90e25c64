// The Browser's selected node in the file shown: its metadata (browserInfo), the default plot of a group
// (browserDefaultPlot), the search by name, the datasets pinned to compare, and a group's children for the tree.
// What is shown belongs to one file and node: an answer for a file or node no longer shown (the user clicked on
// fast, or switched files) is dropped, so a previous file's paths are never read in the new one.
import { useEffect, useState } from 'react';
import type { NodeInfo, OpenFile, PlotDescription, TreeNode } from '../../shared/browse.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';
import type { ShownFile } from './use-browser-file.ts';

export interface Pinned {
  path: string;
  label: string;
}

export interface BrowserNode {
  node: TreeNode | undefined;
  select(node: TreeNode): void;
  info: NodeInfo | undefined;
  /** The default plot of the selected group: undefined while unknown or for a dataset, null when it has none. */
  plot: PlotDescription | null | undefined;
  found: TreeNode[];
  search(text: string): void;
  /** 1-D datasets kept on the plot to compare with the next ones opened (in the file shown). */
  pinned: Pinned[];
  togglePin(info: NodeInfo): void;
}

/** A value that belongs to one showing of a file (ShownFile.shown): another showing starts without it. */
type Tagged<T> = { shown: number; value: T };

export function useBrowserNode({ file, at, shown, version }: ShownFile): BrowserNode {
  const report = useReportError();
  const [selected, setSelected] = useState<Tagged<TreeNode | undefined>>({ shown: -1, value: undefined });
  const [info, setInfo] = useState<Tagged<NodeInfo | undefined>>({ shown: -1, value: undefined });
  const [plot, setPlot] = useState<Tagged<PlotDescription | null | undefined>>({ shown: -1, value: undefined });
  const [found, setFound] = useState<Tagged<TreeNode[]>>({ shown: -1, value: [] });
  const [pinned, setPinned] = useState<Tagged<Pinned[]>>({ shown: -1, value: [] });
  const node = selected.shown === shown ? selected.value : at;
  const mine = <T>(t: Tagged<T>, none: T): T => (t.shown === shown ? t.value : none);

  useEffect(() => {
    if (!file) return;
    let stale = false;
    const p = node?.path ?? '/';
    const api = getBridge().api;
    api.browserInfo(file.id, p).then(
      (i) => !stale && setInfo({ shown, value: i }),
      (e: unknown) => {
        if (stale) return;
        setInfo({ shown, value: undefined });
        report(e);
      },
    );
    if (!node || node.kind === 'group') {
      api.browserDefaultPlot(file.id, p).then(
        (d) => !stale && setPlot({ shown, value: d }),
        () => !stale && setPlot({ shown, value: null }),
      );
    } else setPlot({ shown, value: undefined });
    return () => {
      stale = true;
    };
  }, [file, node, shown, version, report]);

  const search = (text: string) => {
    if (!file || !text) return;
    getBridge()
      .api.browserSearch(file.id, text)
      .then((f) => setFound((cur) => (cur.shown <= shown ? { shown, value: f } : cur)), report);
  };
  const togglePin = (i: NodeInfo) => {
    const list = mine(pinned, []);
    setPinned({ shown, value: list.some((q) => q.path === i.path) ? list.filter((q) => q.path !== i.path) : [...list, { path: i.path, label: i.name }] });
  };
  return {
    node,
    select: (n) => setSelected({ shown, value: n }),
    info: mine(info, undefined),
    plot: mine(plot, undefined),
    found: mine(found, []),
    search,
    pinned: mine(pinned, []),
    togglePin,
  };
}

/** The children of one group, for one level of the tree (undefined while they are read). */
export function useNodeChildren(file: OpenFile, path: string): TreeNode[] | undefined {
  const report = useReportError();
  const [kids, setKids] = useState<TreeNode[] | undefined>();
  useEffect(() => {
    let stale = false;
    getBridge()
      .api.browserChildren(file.id, path)
      .then((k) => !stale && setKids(k), (e: unknown) => !stale && report(e));
    return () => {
      stale = true;
    };
  }, [file, path, report]);
  return kids;
}
