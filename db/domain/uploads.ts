// How large an upload may be: the server refuses more, and the pages say so before sending.

/** A story's text: its tiptap JSON, in bytes. */
export const STORY_BYTES = 200 * 1024;

/** An organisation's logo, before it is re-encoded. */
export const LOGO_BYTES = 5 * 1024 * 1024;

/** A resident's photo, before it is re-encoded. */
export const PHOTO_BYTES = 10 * 1024 * 1024;
