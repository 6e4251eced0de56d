import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, connect } from 'node:net'

export interface TestRedis {
  url: string
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function answersPing(port: number): Promise<boolean> {
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

/**
 * A real `redis-server` (Debian's, installed by `scripts/setup.sh`) on a free port of 127.0.0.1,
 * with nothing saved to disk. A missing binary fails the test: it is never skipped.
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`redis-server did not start: ${error.message}`)),
    )
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)))
  })
  const deadline = Date.now() + 10_000
  for (;;) {
    const ready = await Promise.race([answersPing(port), failed])
    if (ready) break
    if (Date.now() > deadline) throw new Error('redis-server did not answer PING in 10 s')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  failed.catch(() => {})
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
