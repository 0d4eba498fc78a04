/**
 * Recordings opened with Diarist from the file manager (a double-click, "Open with", a file
 * dropped on the Dock icon): collected from the command line (Windows, Linux, a second launch)
 * or macOS's open-file event, checked by main like a drop, and handed to the page to add.
 */

import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PickedFile } from '../shared/ipc-contract';

/**
 * The files named on a command line. Switches (Chromium's and Electron's, which Windows and a
 * second launch may add) are skipped, as is the app folder `electron <app>` takes during
 * development; `file://` URLs (what a Linux desktop entry's %U passes) become paths.
 */
export function filePathsFromArgv(
  argv: readonly string[],
  options: { workingDirectory: string; isPackaged: boolean },
): string[] {
  const operands = argv.slice(1).filter((arg) => arg !== '' && !arg.startsWith('-'));
  if (!options.isPackaged) operands.shift();
  const paths: string[] = [];
  for (const operand of operands) {
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(operand)) {
      if (!operand.toLowerCase().startsWith('file://')) continue;
      try {
        paths.push(fileURLToPath(operand));
      } catch {
        // Not a local file (file://server/share on Linux): nothing to add.
      }
    } else {
      paths.push(isAbsolute(operand) ? operand : resolve(options.workingDirectory, operand));
    }
  }
  return paths;
}

/** Checks paths as a drop is checked (main's file registry) and gives the page the kept files. */
export type AcceptPaths = (paths: string[]) => Promise<PickedFile[]>;

/**
 * Holds opened paths until the app's services can check them, then hands each batch over. The
 * page gets them as a push, so they wait with every other push until the page is ready.
 */
export class OpenedFiles {
  private waiting: string[] = [];
  private accept: AcceptPaths | undefined;
  private deliver: ((files: PickedFile[]) => void) | undefined;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  add(paths: readonly string[]): void {
    if (paths.length === 0) return;
    this.waiting.push(...paths);
    this.flush();
  }

  /** The app's services are up: paths can be checked from now on. */
  ready(accept: AcceptPaths, deliver: (files: PickedFile[]) => void): void {
    this.accept = accept;
    this.deliver = deliver;
    this.flush();
  }

  private flush(): void {
    const { accept, deliver } = this;
    if (!accept || !deliver || this.waiting.length === 0) return;
    const paths = this.waiting.splice(0);
    accept(paths)
      .then((files) => {
        if (files.length > 0) deliver(files);
      })
      .catch(this.onError);
  }
}
