/** Device scope over time: each device's own scope, and the administrators' rules (services/deviceScope.ts). */
import type { FastifyInstance } from 'fastify';
import { API } from '@waystation/protocol/api';
import type { Store } from '../store/types';
import * as deviceScope from '../services/deviceScope';
import { principalOf } from './actor';
import { route } from './contract';

export interface DeviceScopeDeps {
  store: Store;
  now: () => Date;
}

export function registerDeviceScopeRoutes(app: FastifyInstance, deps: DeviceScopeDeps) {
  route(app, API.deviceScope.mine, async (request) => deviceScope.myScope(deps.store, principalOf(request), deps.now()));
  route(app, API.deviceScope.read, async (request) => deviceScope.readScopeSettings(deps.store, principalOf(request)));
  route(app, API.deviceScope.write, async (request) =>
    deviceScope.writeScopeSettings(deps, principalOf(request), request.body),
  );
}
