/** One entry of a navigation menu: where it goes and what it says. */
export interface NavItem {
  to: string;
  label: string;
  /** Matches only this exact address (the families list at "/"). */
  end?: boolean;
}
