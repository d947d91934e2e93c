/**
 * A population chart: per arm the median line over a shaded band from the 5th to the 95th
 * percentile, in the arm's colour; the band edges are faint lines so the range reads in print too.
 */
import type uPlot from 'uplot';
import { bandPlotData, type PopulationChart } from '../../report/population-view.js';
import { armColor, lineWidth } from '../../report/palette.js';
import { readout, themedAxis, withAlpha, type PlotSpec } from './plot.js';
import type { ThemeColors } from './theme.js';

const ROLE_LABEL = { lower: '5th percentile', median: 'median', upper: '95th percentile' } as const;

export function populationSpec(chart: PopulationChart, timeUnit: string): (theme: ThemeColors, hidden: ReadonlySet<number>) => PlotSpec {
    return (theme, hidden) => {
        const shaped = bandPlotData(chart, hidden);
        const dark = !(theme.kind === 'light' || theme.kind === 'high-contrast-light');
        return {
            options: {
                scales: { x: { time: false } },
                series: [
                    { label: `Time (${timeUnit})`, value: readout },
                    ...shaped.series.map(s => {
                        const color = armColor(s.armIndex, theme.kind);
                        return s.role === 'median'
                            ? { label: `${s.arm} ${ROLE_LABEL.median}`, stroke: color, width: lineWidth(theme.kind), spanGaps: true, points: { show: false }, value: readout }
                            : { label: `${s.arm} ${ROLE_LABEL[s.role]}`, stroke: withAlpha(color, 0.55), width: 0.75, spanGaps: true, points: { show: false }, value: readout };
                    })
                ],
                bands: shaped.bands.map(b => ({ series: [b.upper, b.lower] as [number, number], fill: withAlpha(armColor(b.armIndex, theme.kind), dark ? 0.24 : 0.16) })),
                axes: [themedAxis(theme, `Time (${timeUnit})`), themedAxis(theme, chart.unit || chart.title, { size: 64 })],
                cursor: { drag: { x: true, y: false, setScale: true } },
                legend: { live: true }
            },
            data: shaped.data as uPlot.AlignedData,
            legend: shaped.series.filter(s => s.role === 'median').map(s => ({ color: armColor(s.armIndex, theme.kind), label: `${s.arm}: median, 90 % band` }))
        };
    };
}
