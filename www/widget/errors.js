// @ts-check
/** Errors of `<yardstick-widget>` whose message is already written for the reader. */

/** An error whose message is already written for the reader, in the widget's language. */
export class ReadableError extends Error {}
