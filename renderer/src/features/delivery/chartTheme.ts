import uPlot from 'uplot';
import type { Columns } from './chartData';

/**
 * uPlot options drawn from the app's theme (the CSS custom properties in ui/base.css), so the charts
 * follow the palette instead of uPlot's defaults. Canvas cannot read CSS variables, so they are
 * resolved once per chart build.
 */

export interface ThemeColors {
  text: string;
  muted: string;
  grid: string;
  success: string;
  warning: string;
  danger: string;
  neutral: string;
  info: string;
  accent: string;
  font: string;
}

export function themeColors(element: Element = document.documentElement): ThemeColors {
  const css = getComputedStyle(element);
  const get = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: get('--text-2', '#a9b3c1'),
    muted: get('--text-3', '#717d8e'),
    grid: get('--border', '#262e3a'),
    success: get('--success', '#3fb27f'),
    warning: get('--warning', '#e0a43a'),
    danger: get('--danger', '#ef6461'),
    neutral: get('--neutral', '#8b95a5'),
    info: get('--info', '#5b8def'),
    accent: get('--accent', '#5b8def'),
    font: get('--font', 'system-ui, sans-serif'),
  };
}

function axes(colors: ThemeColors, yLabel: (v: number) => string): uPlot.Axis[] {
  const font = `11px ${colors.font}`;
  const common = {
    stroke: colors.muted,
    font,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { show: false },
  };
  return [
    { ...common, grid: { show: false } },
    { ...common, size: 56, values: (_u, ticks) => ticks.map(yLabel) },
  ];
}

/** Bars one bucket wide (less a gap); every band starts at zero and the taller ones are drawn first. */
const bars = () => uPlot.paths.bars!({ size: [0.78, 64], align: 0 });

export function outcomeChartOptions(
  colors: ThemeColors,
  size: { width: number; height: number },
  labels: readonly string[],
): uPlot.Options {
  // Column order (chartData.outcomeColumns): failed, uncertain, rejected, skipped, delivered.
  const fills = [colors.danger, colors.warning, colors.warning, colors.neutral, colors.success];
  return {
    ...size,
    legend: { show: false },
    cursor: { points: { show: false }, drag: { x: false, y: false }, y: false },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: axes(colors, (v) => (Number.isInteger(v) ? String(v) : '')),
    series: [
      {},
      ...fills.map((fill, i) => ({
        label: labels[i] ?? '',
        stroke: fill,
        // Rejected and uncertain share amber: uncertain is drawn lighter to tell them apart.
        fill: i === 1 ? `${fill}99` : fill,
        width: 0,
        paths: bars(),
        points: { show: false },
      })),
    ],
  };
}

export function latencyChartOptions(
  colors: ThemeColors,
  size: { width: number; height: number },
  format: (ms: number) => string,
): uPlot.Options {
  return {
    ...size,
    legend: { show: false },
    cursor: { points: { size: 6 }, drag: { x: false, y: false }, y: false },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(10, max * 1.15)] } },
    axes: axes(colors, (v) => format(v)),
    series: [
      {},
      { label: 'Median', stroke: colors.accent, width: 2, points: { size: 4 } },
      { label: 'p95', stroke: colors.warning, width: 2, dash: [5, 4], points: { size: 4 } },
    ],
  };
}

export type { Columns };
