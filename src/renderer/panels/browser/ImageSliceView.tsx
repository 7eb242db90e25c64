// Any 2-D slice of an N-D dataset as an image: the last two dimensions are the image, a slider per other dimension
// picks the frame. The frame may be held by the parent (the dataset view, whose Export NPY writes the frame shown).
import { useState } from 'react';
import type { OpenFile } from '../../../shared/browse.ts';
import { ImageView } from '../../components/ImageView.tsx';
import { useImageFrame } from '../../hooks/use-browser-data.ts';

interface ImageSliceViewProps {
  file: OpenFile;
  path: string;
  shape: number[];
  /** The index of each leading dimension, when the parent holds it (with onFrame); otherwise kept here. */
  frame?: number[];
  onFrame?: (frame: number[]) => void;
}

export function ImageSliceView({ file, path, shape, frame, onFrame }: ImageSliceViewProps) {
  const lead = shape.slice(0, -2);
  const [own, setOwn] = useState<number[]>(lead.map(() => 0));
  const idx = frame ?? own;
  const setIdx = onFrame ?? setOwn;
  const img = useImageFrame(file, path, shape, idx);
  return (
    <div>
      {lead.map((n, k) => (
        <label key={k} className="slider">
          dim {k}: {idx[k]} / {n - 1}
          <input type="range" min={0} max={n - 1} value={idx[k]} aria-label={`dimension ${k}`} onChange={(e) => setIdx(idx.map((v, j) => (j === k ? Number(e.target.value) : v)))} />
        </label>
      ))}
      {img && <ImageView data={img.data} width={img.w} height={img.h} size={360} testId="browser-image" />}
    </div>
  );
}
