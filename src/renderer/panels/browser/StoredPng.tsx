// A PNG stored as bytes (@mime_type image/png, as the Scan panel stores its plot) shown as the image it is.
import type { OpenFile } from '../../../shared/browse.ts';
import { useStoredPng } from '../../hooks/use-browser-data.ts';

export function StoredPng({ file, path }: { file: OpenFile; path: string }) {
  const url = useStoredPng(file, path);
  return url ? <img className="stored-png" src={url} alt={`PNG stored at ${path}`} data-testid="browser-png" /> : <p className="muted">Reading the image…</p>;
}
