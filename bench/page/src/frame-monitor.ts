/** Frame times (animation-frame timestamps), long tasks and peak JS heap over one window. */

interface MemoryInfo {
  usedJSHeapSize: number
}

const heapNow = () =>
  (performance as Performance & { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? 0

const percentile = (sorted: number[], fraction: number) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!

export interface FrameReport {
  frames: number
  frameP50Milliseconds: number
  frameP95Milliseconds: number
  longTasks: number
  longTaskMilliseconds: number
  peakHeapBytes: number
}

export function startFrameMonitor() {
  const stamps: number[] = []
  let longTasks = 0
  let longTaskMilliseconds = 0
  let peakHeap = heapNow()
  let running = true
  const onFrame = (time: number) => {
    if (!running) return
    stamps.push(time)
    peakHeap = Math.max(peakHeap, heapNow())
    requestAnimationFrame(onFrame)
  }
  requestAnimationFrame(onFrame)
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks++
      longTaskMilliseconds += entry.duration
    }
  })
  observer.observe({ type: 'longtask' })

  return function stop(): FrameReport {
    running = false
    for (const entry of observer.takeRecords()) {
      longTasks++
      longTaskMilliseconds += entry.duration
    }
    observer.disconnect()
    peakHeap = Math.max(peakHeap, heapNow())
    const intervals = stamps.slice(1).map((time, index) => time - stamps[index]!)
    intervals.sort((a, b) => a - b)
    return {
      frames: stamps.length,
      frameP50Milliseconds: percentile(intervals, 0.5),
      frameP95Milliseconds: percentile(intervals, 0.95),
      longTasks,
      longTaskMilliseconds,
      peakHeapBytes: peakHeap,
    }
  }
}
