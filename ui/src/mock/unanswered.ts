/**
 * Calls the mock had no recording of since the list was last emptied. The test set-up fails a
 * test that made one: every answer a test sees must be one Rust gave.
 */
export const unanswered: string[] = [];
