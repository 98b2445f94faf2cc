import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { PromiseTemplates } from '../../domain/promiseTemplates';
import type { DirectoryResponse, DirectoryUser } from '../../sync/api';
import { useDirectory } from '../../sync/useDirectory';
import { baseUrl, currentToken } from '../auth';
import { AuditReporter } from './auditReporter';
import { requestOverride, type RequestOverride } from './overrideApi';
import { DEFAULT_HELPLINE_CONFIG, type HelplineConfig, type HelplineUnit } from './config';

export interface HelplineServices {
  config: HelplineConfig;
  reporter: AuditReporter;
  /** Units to escalate to, with their promised call-back times. */
  units: HelplineUnit[];
  /** People who may be named focal point, by unit. */
  focalPoints: DirectoryUser[];
  /** The promise sentences of the agent's sites, for call-backs not tied to a unit (voicemails). */
  promiseTemplates: PromiseTemplates;
  /** Sends a supervisor's credentials for an override (online only). */
  requestOverride: RequestOverride;
}

type Directory = { units: HelplineUnit[]; focalPoints: DirectoryUser[]; promiseTemplates: PromiseTemplates };

/** What escalation needs of the directory: units with their site's office hours and sentences, and focal points. */
function escalationDirectory(answer: DirectoryResponse): Directory {
  return {
    units: answer.units.map((unit) => {
      const site = answer.sites.find((s) => s.id === unit.siteId);
      return {
        id: unit.id,
        name: unit.name,
        callbackHours: unit.callbackHours,
        callbackBasis: unit.callbackBasis,
        ...(site?.officeHours ? { officeHours: site.officeHours } : {}),
        ...(site?.promiseTemplates ? { promiseTemplates: site.promiseTemplates } : {}),
      };
    }),
    focalPoints: answer.users
      .filter((user) => user.roles.includes('case_officer'))
      .map((user) => ({
        id: user.id,
        displayName: user.displayName,
        roles: ['case_officer'],
        ...(user.unitId ? { unitId: user.unitId } : {}),
      })),
    // A voicemail is called back by the helpline, not a unit: any of the agent's sites' sentences will do.
    promiseTemplates: Object.assign({}, ...answer.sites.map((site) => site.promiseTemplates ?? {})) as PromiseTemplates,
  };
}

const HelplineContext = createContext<HelplineServices | undefined>(undefined);

let defaultReporter: AuditReporter | undefined;
function appReporter(): AuditReporter {
  defaultReporter ??= new AuditReporter({ baseUrl, token: currentToken });
  return defaultReporter;
}

/**
 * The helpline's configuration, units and audit reporter. Tests pass their
 * own `services`; the app loads the directory (cached for offline use).
 */
export function HelplineProvider({
  services,
  children,
}: {
  services?: Partial<HelplineServices>;
  children: ReactNode;
}) {
  const { answer } = useDirectory();
  const directory = useMemo(() => (answer ? escalationDirectory(answer) : undefined), [answer]);
  useEffect(() => {
    const reporter = services?.reporter ?? appReporter();
    const retry = () => void reporter.flush();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [services?.reporter]);

  const value = useMemo<HelplineServices>(() => {
    const config = services?.config ?? DEFAULT_HELPLINE_CONFIG;
    const units =
      services?.units ?? (directory && directory.units.length > 0 ? directory.units : config.fallbackUnits);
    return {
      config,
      reporter: services?.reporter ?? appReporter(),
      units,
      focalPoints: services?.focalPoints ?? directory?.focalPoints ?? [],
      promiseTemplates: services?.promiseTemplates ?? directory?.promiseTemplates ?? {},
      requestOverride: services?.requestOverride ?? requestOverride,
    };
  }, [services, directory]);
  return <HelplineContext.Provider value={value}>{children}</HelplineContext.Provider>;
}

export function useHelpline(): HelplineServices {
  const services = useContext(HelplineContext);
  if (!services) throw new Error('useHelpline must be used inside <HelplineProvider>');
  return services;
}
