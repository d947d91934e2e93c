/** Number and time formatting shared by the results view, the SVG export and the report. */

/**
 * Display threshold: a value smaller in magnitude than this, in its series' unit (mg/L, pg/mL, pM, % …),
 * is numerical noise for a reader (a washed-out drug at 2e-186 mg/L, a difference of −2.5e-14 between
 * identical arms) and is shown as 0. Tables state it (THRESHOLD_NOTE); CSV and JSON keep full precision.
 */
export const DISPLAY_THRESHOLD = 1e-6;
export const THRESHOLD_NOTE = `Values smaller than ${DISPLAY_THRESHOLD.toExponential(0)} in their unit are shown as 0 (numerical noise); CSV and JSON keep full precision.`;

/** The value as displayed: 0 below the display threshold. */
export function displayed(value: number): number {
    return Math.abs(value) < DISPLAY_THRESHOLD ? 0 : value;
}

/** Three significant figures without exponent noise for everyday magnitudes; 0 below the display threshold. */
export function formatValue(value: number | null | undefined): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—';
    const abs = Math.abs(value);
    if (abs < DISPLAY_THRESHOLD) return '0';
    if (abs >= 1e5 || abs < 1e-3) return value.toExponential(2);
    if (abs >= 100) return value.toFixed(0);
    if (abs >= 10) return value.toFixed(1);
    if (abs >= 1) return value.toFixed(2);
    return value.toPrecision(3);
}

/** A difference always carries its sign, so "+1.20" reads as better or worse at a glance. */
export function formatDifference(value: number | null | undefined): string {
    const text = formatValue(value);
    return value !== null && value !== undefined && Number.isFinite(value) && displayed(value) > 0 ? `+${text}` : text;
}

export interface TimeScale {
    readonly unit: 'days' | 'weeks' | 'months' | 'years';
    /** Days per display unit. */
    readonly daysPer: number;
}

/** The time unit a reader thinks in for a horizon: days for weeks-long runs, years for multi-year ones. */
export function timeScaleFor(durationDays: number): TimeScale {
    if (durationDays > 2 * 365.25) return { unit: 'years', daysPer: 365.25 };
    if (durationDays > 120) return { unit: 'months', daysPer: 30.4375 };
    if (durationDays > 28) return { unit: 'weeks', daysPer: 7 };
    return { unit: 'days', daysPer: 1 };
}

export function formatDuration(days: number): string {
    const scale = timeScaleFor(days);
    const value = days / scale.daysPer;
    const rounded = Math.abs(value - Math.round(value)) < 1e-6 ? String(Math.round(value)) : value.toFixed(1);
    return `${rounded} ${rounded === '1' ? scale.unit.slice(0, -1) : scale.unit}`;
}

/** Axis labels with one number of decimals per axis (0, 2.5, 5.0 rather than 0, 2.50, 5.00, 10.0). */
export function formatTicks(values: readonly number[]): string[] {
    const finite = values.filter(Number.isFinite);
    if (finite.length === 0) return values.map(() => '');
    const largest = Math.max(...finite.map(Math.abs));
    let step = Infinity;
    for (let i = 1; i < finite.length; i++) step = Math.min(step, Math.abs(finite[i] - finite[i - 1]));
    if (!Number.isFinite(step) || step === 0) step = largest || 1;
    if (largest >= 1e5 || largest < 1e-3) {
        const digits = Math.min(3, Math.max(0, Math.ceil(Math.log10(largest / step) - 1e-9)));
        return values.map(v => (v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(digits) : ''));
    }
    const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
    return values.map(v => (Number.isFinite(v) ? (Math.abs(v) < step / 1e6 ? 0 : v).toFixed(decimals) : ''));
}

/** A time point as a reader names it: "6 months", "1 year", "2.5 years", "10 days", "3 weeks". */
export function formatTimePoint(days: number): string {
    const unit = (x: number, name: string) => {
        const r = Number(x.toPrecision(3));
        return `${r} ${name}${r === 1 ? '' : 's'}`;
    };
    const whole = (x: number) => Math.abs(x - Math.round(x * 2) / 2) < 1e-6;
    if (days >= 365.25 && whole(days / 365.25)) return unit(days / 365.25, 'year');
    if (days >= 28 && whole(days / 30.4375)) return unit(days / 30.4375, 'month');
    if (days >= 7 && Math.abs(days / 7 - Math.round(days / 7)) < 1e-6) return unit(days / 7, 'week');
    if (days >= 60) return unit(days / 30.4375, 'month');
    return unit(days, 'day');
}
