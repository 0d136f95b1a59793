/** A file that cannot be cleaned safely (not the format it claims, or laid out in a way we do not rewrite): a 415. */
export class NotCleanable extends Error {}
