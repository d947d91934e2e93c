/** The results panel's webview view type; `onWebviewPanel:osteo.results` in package.json must match it. */
export const RESULTS_VIEW_TYPE = 'osteo.results';
