import { createCompletionParser, type LangiumCompletionParser, type LangiumCoreServices } from 'langium';

/** The parts of Chevrotain's recognizer the completion parser's error paths use. */
interface Recognizer {
    LA(offset: number): unknown;
    SAVE_ERROR(error: Error): Error;
    raiseNoAltException(occurrence: number, errMsgTypes: string): never;
    raiseEarlyExitException(occurrence: number, prodType: number, userDefinedErrMsg: string): never;
}

/**
 * Langium's completion parser, without the error messages it never reads. Completion parses the text before the
 * cursor and stops where the input ends, which to Chevrotain is a syntax error: it then computes every
 * alternative's lookahead paths to word a message (`getLookaheadPathsForOr`, uncached — about 70 % of a
 * completion request's CPU time on examples/ra-timing.osteo). Completion only needs the parser to stop there, so
 * these errors are raised with the same exception names (which is how Chevrotain recognises them) and no message.
 * The document parser is left alone: its messages are the diagnostics users read.
 */
export function createOsteoCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    const parser = createCompletionParser(services);
    const recognizer = (parser as unknown as { wrapper: Recognizer }).wrapper;
    const raise = (self: Recognizer, name: string): never => {
        const error = Object.assign(new Error(name), { name, token: self.LA(1), previousToken: self.LA(0), resyncedTokens: [] });
        throw self.SAVE_ERROR(error);
    };
    recognizer.raiseNoAltException = function (this: Recognizer) { return raise(this, 'NoViableAltException'); };
    recognizer.raiseEarlyExitException = function (this: Recognizer) { return raise(this, 'EarlyExitException'); };
    return parser;
}
