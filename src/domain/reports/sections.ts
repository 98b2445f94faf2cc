/**
 * Which figures a report or dashboard shows for the site chosen: a welcome
 * center has no calls and a helpline office receives no families, so a
 * section for the other kind would only show zeros that read as facts
 * ("Families received 32" under a helpline office). All sites: both.
 */
import type { SiteKind } from '../accounts';

export interface ReportSections {
  welcomeCenter: boolean;
  helpline: boolean;
}

export function reportSections(kind: SiteKind | undefined): ReportSections {
  if (kind === 'welcome_center') return { welcomeCenter: true, helpline: false };
  if (kind === 'helpline_office') return { welcomeCenter: false, helpline: true };
  return { welcomeCenter: true, helpline: true };
}
