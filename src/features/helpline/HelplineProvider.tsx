import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { unitSchema, type DirectoryUser } from '../../domain/accounts';
import { officeHoursSchema } from '../../domain/callbackDue';
import { promiseTemplatesSchema, type PromiseTemplates } from '../../domain/promiseTemplates';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';
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

const directorySchema = z.object({
  /** Only what escalation needs of a site: its office hours and promise sentences. */
  sites: z
    .array(
      z.object({
        id: z.string(),
        officeHours: officeHoursSchema.optional(),
        // A sentence this version cannot use is left out, not the whole directory.
        promiseTemplates: promiseTemplatesSchema.optional().catch(undefined),
      }),
    )
    .default([]),
  units: z.array(unitSchema),
  users: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      roles: z.array(z.string()),
      unitId: z.string().optional(),
    }),
  ),
});
type Directory = { units: HelplineUnit[]; focalPoints: DirectoryUser[]; promiseTemplates: PromiseTemplates };

/** The last directory seen, so escalation works offline. Names and units only; no case data. */
const DIRECTORY_CACHE_KEY = 'waystation.helpline.directory';

function cachedDirectory(): Directory | undefined {
  try {
    const raw = localStorage.getItem(DIRECTORY_CACHE_KEY);
    if (!raw) return undefined;
    const cached = JSON.parse(raw) as Partial<Directory> & Pick<Directory, 'units' | 'focalPoints'>;
    // A copy cached by an older version has no promise basis (its units promised working hours) and no sentences.
    return {
      ...cached,
      units: cached.units.map((unit) => ({ ...unit, callbackBasis: unit.callbackBasis ?? 'working_hours' })),
      promiseTemplates: cached.promiseTemplates ?? {},
    };
  } catch {
    return undefined;
  }
}

async function fetchDirectory(): Promise<Directory | undefined> {
  try {
    const body = directorySchema.parse(
      await apiRequest<unknown>(baseUrl(), currentToken(), '/api/directory'),
    );
    const directory: Directory = {
      units: body.units.map((unit) => {
        const site = body.sites.find((s) => s.id === unit.siteId);
        return {
          id: unit.id,
          name: unit.name,
          callbackHours: unit.callbackHours,
          callbackBasis: unit.callbackBasis,
          ...(site?.officeHours ? { officeHours: site.officeHours } : {}),
          ...(site?.promiseTemplates ? { promiseTemplates: site.promiseTemplates } : {}),
        };
      }),
      focalPoints: body.users
        .filter((user) => user.roles.includes('case_officer'))
        .map((user) => ({
          id: user.id,
          displayName: user.displayName,
          roles: ['case_officer'],
          ...(user.unitId ? { unitId: user.unitId } : {}),
        })),
      // A voicemail is called back by the helpline, not a unit: any of the agent's sites' sentences will do.
      promiseTemplates: Object.assign({}, ...body.sites.map((site) => site.promiseTemplates ?? {})) as PromiseTemplates,
    };
    localStorage.setItem(DIRECTORY_CACHE_KEY, JSON.stringify(directory));
    return directory;
  } catch {
    return undefined;
  }
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
  const [directory, setDirectory] = useState<Directory | undefined>(() =>
    services?.units ? undefined : cachedDirectory(),
  );
  useEffect(() => {
    if (services?.units) return;
    let live = true;
    void fetchDirectory().then((fresh) => {
      if (live && fresh) setDirectory(fresh);
    });
    const reporter = services?.reporter ?? appReporter();
    const retry = () => void reporter.flush();
    window.addEventListener('online', retry);
    return () => {
      live = false;
      window.removeEventListener('online', retry);
    };
  }, [services?.units, services?.reporter]);

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
