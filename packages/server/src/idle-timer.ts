/** Runs `onIdle` once `ms` pass between `arm()` and `stop()`; `ms` of 0 never fires. */
export function createIdleTimer(ms: number, onIdle: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = () => clearTimeout(timer)
  return {
    arm() {
      stop()
      if (ms > 0) timer = setTimeout(onIdle, ms)
    },
    stop,
  }
}
