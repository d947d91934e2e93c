/** Id of the `<script type="application/json">` element that carries a report's results views. */
export const REPORT_DATA_ID = 'osteo-report-data';
