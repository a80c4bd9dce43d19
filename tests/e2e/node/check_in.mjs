#!/usr/bin/env node
// An independent gRPC client of lanyard-server: checks one badge or ticket code in through
// lanyard.v1.CheckInService/CheckIn, loading the .proto files at run time, and prints the outcome.
//
// Usage: node check_in.mjs [--server HOST:PORT] [--token TOKEN] [--ca-cert FILE] [--session ID]
//                          [--out] [--request-id ID] [--proto-dir DIR] [--json] [CODE]
// The server, token and code may also come from LANYARD_SERVER, LANYARD_TOKEN and LANYARD_CODE.
// Prints the outcome's enum name (e.g. CHECK_IN_OUTCOME_ADMITTED) on the first line, then the
// reason and the log entry id; --json prints the whole response instead.
// Exit status: 0 when the server answered, 1 when the call failed, 2 for a usage error.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const here = dirname(fileURLToPath(import.meta.url));

function usage(message) {
  process.stderr.write(`check_in.mjs: ${message}\n` +
    'usage: node check_in.mjs [--server HOST:PORT] [--token TOKEN] [--ca-cert FILE] [--session ID] ' +
    '[--out] [--request-id ID] [--proto-dir DIR] [--json] [CODE]\n');
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      'ca-cert': { type: 'string' },
      session: { type: 'string' },
      out: { type: 'boolean' },
      'request-id': { type: 'string' },
      'proto-dir': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
} catch (error) {
  usage(error.message);
}
const { values: options, positionals } = parsed;

const server = options.server ?? process.env.LANYARD_SERVER;
const token = options.token ?? process.env.LANYARD_TOKEN;
const code = positionals[0] ?? process.env.LANYARD_CODE;
if (positionals.length > 1) usage('give one code');
if (!server) usage('no server: give --server HOST:PORT or set LANYARD_SERVER');
if (!token) usage('no token: give --token TOKEN or set LANYARD_TOKEN');
if (!code) usage('no code: give CODE or set LANYARD_CODE');
const session = options.session ?? '0';
if (!/^\d+$/.test(session)) usage('--session must be a session id');

const protoDir = options['proto-dir'] ?? process.env.LANYARD_PROTO_DIR ?? resolve(here, '../../../proto');
const definition = protoLoader.loadSync('lanyard/v1/check_in_service.proto', {
  includeDirs: [protoDir],
  keepCase: true,    // Field names as in the .proto: request_id, scan_time_us.
  longs: String,     // int64 without loss of precision.
  enums: String,     // Outcomes by name.
  defaults: true,
  oneofs: true,
});
const lanyard = grpc.loadPackageDefinition(definition).lanyard.v1;

let credentials = grpc.credentials.createInsecure();
if (options['ca-cert']) {
  credentials = grpc.credentials.createSsl(readFileSync(options['ca-cert']));
}
const client = new lanyard.CheckInService(server, credentials);

const metadata = new grpc.Metadata();
metadata.set('authorization', `Bearer ${token}`);

const request = {
  request_id: options['request-id'] ?? `node-${randomUUID()}`,
  scan_time_us: (BigInt(Date.now()) * 1000n).toString(),
  code,
  session_id: session,
  direction: options.out ? 'DIRECTION_OUT' : 'DIRECTION_IN',
};

client.CheckIn(request, metadata, { deadline: Date.now() + 10_000 }, (error, response) => {
  client.close();
  if (error) {
    const name = Object.keys(grpc.status).find((key) => grpc.status[key] === error.code) ?? error.code;
    process.stderr.write(`check_in.mjs: ${name}: ${error.details}\n`);
    process.exitCode = 1;
    return;
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${response.outcome}\nreason: ${response.reason}\ncheck_in_id: ${response.check_in_id}\n`);
});
