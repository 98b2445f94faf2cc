import { useEffect, useMemo } from 'react';
import { useStore } from '../state';
import type { Role } from '../domain/access';
import type { SiteKind } from '../domain/accounts';
import type { DirectoryResponse } from './api';
import { directoryStore, refreshDirectory } from './directory';

export interface Directory {
  /** The server's answer (or the cached one); undefined when the device has never had one. */
  answer: DirectoryResponse | undefined;
  /** User id → display name. */
  users: Map<string, string>;
  /** Unit id → name. */
  units: Map<string, string>;
  /** Site id → name. */
  sites: Map<string, string>;
  /** User id → roles. */
  roles: Map<string, Role[]>;
  /** Site id → kind (welcome center or helpline office), for reports that show only the site's own figures. */
  siteKinds: Map<string, SiteKind>;
}

export function directoryOf(answer: DirectoryResponse | undefined): Directory {
  return {
    answer,
    users: new Map(answer?.users.map((user) => [user.id, user.displayName])),
    units: new Map(answer?.units.map((unit) => [unit.id, unit.name])),
    sites: new Map(answer?.sites.map((site) => [site.id, site.name])),
    roles: new Map(answer?.users.map((user) => [user.id, user.roles])),
    siteKinds: new Map(answer?.sites.map((site) => [site.id, site.kind])),
  };
}

/**
 * The organisation's directory: names of people, units and sites, and the
 * answer itself (units' call-back promises, people's roles). Asks the server
 * when a screen using it opens; offline, the last answer seen. Screens fall
 * back to ids for anyone unknown.
 */
export function useDirectory(): Directory {
  const answer = useStore(directoryStore, (state) => state.answer);
  useEffect(() => {
    void refreshDirectory();
  }, []);
  return useMemo(() => directoryOf(answer), [answer]);
}

export interface DirectoryPerson {
  id: string;
  displayName: string;
}

/** The people with a role, by name; undefined when the device has no directory (then forms ask for an id as text). */
export function peopleWithRole(directory: Directory, role: Role): DirectoryPerson[] | undefined {
  return directory.answer?.users
    .filter((user) => user.roles.includes(role))
    .map(({ id, displayName }) => ({ id, displayName }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
