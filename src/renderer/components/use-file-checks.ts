/**
 * The check of each chosen file, asked for as files are added (main reads only their headers):
 * the batch panel shows each file's length, or why it cannot be sent, before Start.
 */

import { useEffect, useRef, useState } from 'react';
import type { FileCheck, PickedFile } from '../../shared/ipc-contract';
import { api, unwrap } from '../api';

/** Files asked for at once: a folder of thousands is checked in slices, each shown as it comes. */
const SLICE = 200;

export function useFileChecks(files: readonly PickedFile[]): ReadonlyMap<string, FileCheck> {
  const [checks, setChecks] = useState<ReadonlyMap<string, FileCheck>>(new Map());
  const asked = useRef(new Set<string>());
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    const wanted = files.filter((file) => !asked.current.has(file.id)).map((file) => file.id);
    if (wanted.length === 0) return;
    for (const id of wanted) asked.current.add(id);
    void (async () => {
      for (let start = 0; start < wanted.length; start += SLICE) {
        const fileIds = wanted.slice(start, start + SLICE);
        try {
          const found = await unwrap(() => api()['files:check']({ fileIds }));
          if (!mounted.current) return;
          setChecks((current) => {
            const next = new Map(current);
            for (const check of found) next.set(check.fileId, check);
            return next;
          });
        } catch {
          // Then not known before Start: each job is checked again when it is made, and says so.
          for (const id of fileIds) asked.current.delete(id);
        }
      }
    })();
  }, [files]);

  return checks;
}
