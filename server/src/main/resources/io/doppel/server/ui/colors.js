// Colours for models (categorical) and for a chosen property (a blue-to-red ramp for numbers, categories else).

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#393b79', '#ad494a', '#637939', '#8c6d31', '#7b4173', '#3182bd'];
export const MISSING = '#c8cdd2';

export function categorical(values) {
  const sorted = [...new Set(values)].sort();
  return new Map(sorted.map((v, i) => [v, PALETTE[i % PALETTE.length]]));
}

export function ramp(min, max) {
  return v => {
    const t = max > min ? (v - min) / (max - min) : 0.5;
    const hue = 220 - 220 * Math.max(0, Math.min(1, t)); // blue (low) to red (high)
    return `hsl(${hue}, 70%, 48%)`;
  };
}

/** Short model label: dtmi:io:doppel:examples:factory:CncMachine;1 -> CncMachine. */
export function shortModel(dtmi) {
  const m = /:([^:;]+);\d+$/.exec(dtmi ?? '');
  return m ? m[1] : dtmi ?? '?';
}
