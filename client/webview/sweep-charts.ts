/**
 * The uPlot charts of a 1-D sweep: the family of curves over time, one per swept value coloured along
 * the ramp, and the measure at the chosen time against the value, its points in the same colours.
 */
import type uPlot from 'uplot';
import type { SweepView } from '../../report/sweep-view.js';
import { rampColor } from '../../report/color-ramp.js';
import { lineWidth } from '../../report/palette.js';
import { readout, themedAxis, type PlotSpec } from './plot.js';
import type { ThemeColors } from './theme.js';

export function familySpec(sweep: SweepView, timeUnit: string): (theme: ThemeColors) => PlotSpec {
    const family = sweep.family!;
    return theme => ({
        options: {
            scales: { x: { time: false } },
            series: [
                { label: `Time (${timeUnit})`, value: readout },
                ...family.lines.map(line => ({
                    label: line.label, stroke: rampColor(line.position, theme.kind), width: lineWidth(theme.kind),
                    spanGaps: true, points: { show: false }, value: readout
                }))
            ],
            axes: [themedAxis(theme, `Time (${timeUnit})`), themedAxis(theme, sweep.measureUnit || sweep.measureLabel, { size: 64 })],
            cursor: { drag: { x: true, y: false, setScale: true } },
            legend: { live: true }
        },
        data: [family.x, ...family.lines.map(l => l.values)] as uPlot.AlignedData,
        legend: family.lines.map(l => ({ color: rampColor(l.position, theme.kind), label: l.label }))
    });
}

export function endpointSpec(sweep: SweepView): (theme: ThemeColors) => PlotSpec {
    const { points, logX, categorical } = sweep.endpoint!;
    const unit = sweep.measureUnit;
    const yLabel = `${sweep.measureLabel} ${sweep.atLabel}${unit ? ` (${unit})` : ''}`;
    const xTitle = `${sweep.parameter}${sweep.unit ? ` (${sweep.unit})` : ''}${logX ? ', log scale' : ''}`;
    // A handful of swept values label their own ticks (1, 3, 10, 30 mg), as the user wrote them.
    const own = categorical || points.length <= 12;
    const labelOf = new Map(points.map(p => [p.x, p.label]));
    // (uPlot thins log-axis labels to powers of ten unless given its own filter.)
    const ownTicks: Partial<uPlot.Axis> = {
        splits: () => points.map(p => p.x), values: (_u, splits) => splits.map(v => labelOf.get(v) ?? ''), filter: (_u, splits) => splits
    };
    const span = points.length > 0 ? [points[0].x, points[points.length - 1].x] : [0, 1];
    return theme => ({
        options: {
            scales: {
                x: logX
                    ? { time: false, distr: 3, log: 10, range: () => [span[0] / 1.3, span[1] * 1.3] }
                    : { time: false, range: () => padded(span[0], span[1]) }
            },
            series: [
                { label: sweep.parameter, value: categorical ? (_u, v) => (v === null ? '—' : points[v]?.label ?? '—') : readout },
                { label: yLabel, stroke: theme.foreground, width: 1.25, spanGaps: false, points: { show: false }, value: readout }
            ],
            axes: [
                themedAxis(theme, xTitle, own ? ownTicks : {}),
                themedAxis(theme, unit || sweep.measureLabel, { size: 64 })
            ],
            cursor: { drag: { x: false, y: false } },
            legend: { live: true },
            hooks: {
                // Each point carries the ramp colour of its curve in the family chart.
                draw: [plot => {
                    const ctx = plot.ctx;
                    const ratio = ctx.canvas.width / Math.max(1, plot.width);
                    ctx.save();
                    for (const p of points) {
                        if (p.result === null) continue;
                        const x = plot.valToPos(p.x, 'x', true), y = plot.valToPos(p.result, 'y', true);
                        ctx.beginPath();
                        ctx.arc(x, y, 4.5 * ratio, 0, 2 * Math.PI);
                        ctx.fillStyle = rampColor(p.position, theme.kind);
                        ctx.fill();
                        ctx.lineWidth = ratio;
                        ctx.strokeStyle = theme.foreground;
                        ctx.stroke();
                    }
                    ctx.restore();
                }]
            }
        },
        data: [points.map(p => p.x), points.map(p => p.result)] as uPlot.AlignedData,
        legend: [{ color: theme.foreground, label: yLabel }]
    });
}

/** A few percent of room either side, so the first and last points are not cut in half by the frame. */
function padded(min: number, max: number): [number, number] {
    const pad = (max - min) * 0.05 || Math.abs(max) * 0.05 || 1;
    return [min - pad, max + pad];
}
