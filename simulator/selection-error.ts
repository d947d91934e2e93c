/** The user asked for a scenario, arm, output or parameter the document or model does not have; the message names the choices. */
export class SelectionError extends Error {
    override readonly name = 'SelectionError';
}
