/**
 * Device notifications for reminders, only where the person granted them
 * (asked with a button, never on load). Through the service worker's
 * registration where there is one: phone browsers refuse `new Notification`.
 */
export type NotificationState = 'unsupported' | NotificationPermission;

export function notificationState(): NotificationState {
  return typeof window !== 'undefined' && 'Notification' in window ? Notification.permission : 'unsupported';
}

export async function askNotificationPermission(): Promise<NotificationState> {
  if (notificationState() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

export async function showDeviceNotification(title: string, options: { body: string; tag: string }): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  if (registration) {
    await registration.showNotification(title, { ...options, icon: '/favicon.svg' });
    return;
  }
  new Notification(title, options);
}
