// What a line plot draws: series over one x axis and labelled vertical markers.

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface Marker {
  x: number;
  label: string;
  color?: string;
}
