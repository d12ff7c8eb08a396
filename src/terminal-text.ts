// Text for a terminal. Corpus and feed text is written by others: an ESC or CSI sequence in it
// would clear the screen, retitle the window or hide text when the CLI or the console prints it.
// Every control character (C0, DEL, C1) goes, except newline and tab.

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}
