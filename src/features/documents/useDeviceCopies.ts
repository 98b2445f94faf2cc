import { useEffect, useState } from 'react';
import type { UploadRefusal } from '../../db/attachmentStore';
import { currentAttachmentStore } from '../auth';

export interface DeviceCopies {
  /** Documents whose encrypted content this device holds (they open offline). */
  held: ReadonlySet<string>;
  /** Documents added here that the server refused for good, and why. */
  refused: Readonly<Record<string, UploadRefusal>>;
  /** Documents held because the person asked ("Keep on this device"); they may remove them. */
  personKept: ReadonlySet<string>;
}

const NONE: DeviceCopies = { held: new Set(), refused: {}, personKept: new Set() };

/** What this device holds of documents' content, kept up to date as uploads and offline copies change. */
export function useDeviceCopies(): DeviceCopies {
  const [copies, setCopies] = useState<DeviceCopies>(NONE);
  useEffect(() => {
    const store = currentAttachmentStore();
    if (!store) return undefined;
    let live = true;
    const read = () =>
      void Promise.all([store.heldIds(), store.refusals(), store.personKeptIds()])
        .then(([held, refused, personKept]) => {
          if (live) setCopies({ held: new Set(held), refused, personKept: new Set(personKept) });
        })
        .catch(() => undefined);
    read();
    const unsubscribe = store.subscribe(read);
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return copies;
}
