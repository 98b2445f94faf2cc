/**
 * A site's messaging settings (switches, templates, time zone) as this
 * device last heard them: refreshed from the server when online, kept in
 * localStorage so they show offline (the family page and the call desk read them).
 * Undefined until the device has heard them once.
 */
import { useEffect, useState } from 'react';
import { messageSettingsSchema, type MessageSettings } from '../../domain/messageSettings';
import { useSyncStatus } from '../../sync/useSyncStatus';
import { api } from '../../sync/apiClient';

export const MESSAGE_SETTINGS_KEY = (siteId: string) => `waystation.messageSettings.${siteId}`;

export function cachedMessageSettings(siteId: string): MessageSettings | undefined {
  try {
    const text = localStorage.getItem(MESSAGE_SETTINGS_KEY(siteId));
    const parsed = text ? messageSettingsSchema.safeParse(JSON.parse(text)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function useMessageSettings(siteId: string): MessageSettings | undefined {
  const online = useSyncStatus((s) => s.online);
  const [settings, setSettings] = useState<MessageSettings | undefined>(() => cachedMessageSettings(siteId));
  useEffect(() => {
    if (!online) return;
    let live = true;
    api.messages
      .settings(siteId)
      .then((answer) => {
        if (!live) return;
        setSettings(answer.settings);
        try {
          localStorage.setItem(MESSAGE_SETTINGS_KEY(siteId), JSON.stringify(answer.settings));
        } catch {
          // Storage full or blocked: the settings are known for this session only.
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [online, siteId]);
  return settings;
}
