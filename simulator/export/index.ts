export { buildModelData, exportPython, type ExportInfo } from './python-export.js';
