/** The Instagram Send API's limit on a text message (Messenger's is 2000). */
export const MAX_TEXT = 1000;
