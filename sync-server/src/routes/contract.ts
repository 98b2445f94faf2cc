/**
 * Routes declare their contract (src/sync/api/): the answer's schema becomes
 * the route's response schema, and every answer is encoded with it before it
 * leaves (fastify-type-provider-zod's serializer). An answer that does not
 * fit is a server fault (500, logged), never a shape the app cannot read;
 * a field the contract does not name is left out. The handler's return type
 * is checked against the contract when the server is compiled.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { Endpoint, ReplyOf } from '@waystation/protocol/api';

/** Once, on the root app, before any route: answers with a response schema are encoded by it. */
export function registerContractSerializer(app: FastifyInstance): void {
  app.setSerializerCompiler(serializerCompiler);
}

export type ContractHandler<E extends Endpoint> = (request: FastifyRequest, reply: FastifyReply) => Promise<ReplyOf<E>>;

/** Registers the endpoint's route: the handler's answer is sent with the contract's status and schema. */
export function route<E extends Endpoint>(app: FastifyInstance, endpoint: E, handler: ContractHandler<E>): void {
  const status = endpoint.status ?? (endpoint.response === null ? 204 : 200);
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...(endpoint.response === null ? {} : { schema: { response: { [status]: endpoint.response } } }),
    handler: async (request, reply) => {
      const answer = await handler(request, reply);
      if (reply.sent) return reply;
      return endpoint.response === null ? reply.code(204).send() : reply.code(status).send(answer);
    },
  });
}
