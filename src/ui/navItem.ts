import type { ReactNode } from 'react';

/** One entry of a navigation menu: where it goes and what it says. */
export interface NavItem {
  to: string;
  label: string;
  /** Matches only this exact address (the families list at "/"). */
  end?: boolean;
  /** Shown after the label, e.g. how many reminders are due. */
  badge?: ReactNode;
}
