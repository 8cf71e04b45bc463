// ECharts as the renderer uses it: only the chart types and components the health charts need (tree-shaken, canvas
// renderer), the status colours shared with the tables' tags, and the base of every option (readable in both themes).
import { use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { BrushComponent, GridComponent, LegendComponent, ToolboxComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, BrushComponent, GridComponent, LegendComponent, ToolboxComponent, TooltipComponent, CanvasRenderer]);

/** Series colours: the same greens, reds and ambers as Naive UI's success / error / warning tags. */
export const STATUS_COLORS = { delivered: '#18a058', failed: '#d03050', retried: '#f0a020', pending: '#2080f0', latency: '#8a63d2' } as const;

/** Text and line colours of a chart in the light or dark theme. */
export function chartInk(dark: boolean) {
  return { text: dark ? 'rgba(255,255,255,0.82)' : 'rgba(0,0,0,0.72)', line: dark ? 'rgba(255,255,255,0.16)' : 'rgba(0,0,0,0.12)' };
}

/** "14:05" for a minute of today. */
export const clockTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
