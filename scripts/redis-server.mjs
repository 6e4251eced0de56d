// A real `redis-server` (Debian's; `scripts/setup.sh` installs it) on a free port of 127.0.0.1,
// saving nothing to disk. Used by the Redis run store's tests and by the bench.
import { spawn } from 'node:child_process'
import { connect, createServer } from 'node:net'

async function freePort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

function answersPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('error', () => resolve(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
  })
}

/** Starts it and waits for PING; rejects (never skips) when the binary is missing or exits. */
export async function startRedis() {
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const failed = new Promise((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`redis-server did not start: ${error.message}`)),
    )
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)))
  })
  failed.catch(() => {})
  const deadline = Date.now() + 10_000
  while (!(await Promise.race([answersPing(port), failed]))) {
    if (Date.now() > deadline) throw new Error('redis-server did not answer PING in 10 s')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
