/** Name and version of the model, for the results header; bump the version when equations or defaults change. */
export const MODEL_INFO = { name: 'Pivonka2008+inflammation', version: '0.1.0' } as const;
