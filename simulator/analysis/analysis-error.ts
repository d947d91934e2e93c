/** A sweep or sensitivity run that the solver could not integrate: the message names the run. */
export class AnalysisFailedError extends Error {
    override readonly name = 'AnalysisFailedError';

    constructor(readonly scenario: string, readonly arm: string, readonly timeDays: number, message: string) {
        super(message);
    }
}
