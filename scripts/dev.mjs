#!/usr/bin/env node
/**
 * Development: the sync server (restarted on change by tsx watch) on
 * SERVER_PORT (default 8081, data in ./data-dev) and Vite with hot reload on
 * PORT (default 5173), which proxies /api to it. Ctrl+C stops both.
 */
import { spawn } from 'node:child_process';

const serverPort = process.env.SERVER_PORT ?? '8081';
const children = [
  spawn('npx', ['tsx', 'watch', 'sync-server/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: serverPort, DATA_DIR: process.env.DATA_DIR ?? './data-dev' },
  }),
  spawn('npx', ['vite', '--port', process.env.PORT ?? '5173'], {
    stdio: 'inherit',
    env: { ...process.env, WAYSTATION_DEV_SERVER: `http://127.0.0.1:${serverPort}` },
  }),
];

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
