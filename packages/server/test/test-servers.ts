export { listen, type LoopbackServer as TestServer } from '../../client/test/loopback-server'

/** Settles with 'timeout' if the promise takes longer than `ms`: turns a hang into a failure. */
export function within<T>(promise: Promise<T>, ms = 3000): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
