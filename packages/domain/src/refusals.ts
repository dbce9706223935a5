/**
 * Why the domain refuses a command, each with the French message the page shows. Nothing changed
 * when one is thrown; the HTTP face answers each kind with its status code.
 */

/** The command names something that cannot be (a table column that is not a status). */
export class InvalidCommandError extends Error {}

/** The command names an offer or a source the projection does not hold. */
export class NotFoundError extends Error {}

/** The state refuses it now (a run already active, a transition the workflow forbids). */
export class ConflictError extends Error {}

/** Never possible for this item (a phase the product cannot do for this board). */
export class UnprocessableError extends Error {}
