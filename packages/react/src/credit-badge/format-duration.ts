/** "850 ms", "3.2 s", "1 min 5 s": precise for quick runs, readable for long ones. */
export function formatDuration(milliseconds: number): string {
  const wholeMilliseconds = Math.round(milliseconds)
  if (wholeMilliseconds < 1000) return `${wholeMilliseconds} ms`
  // Round once, in tenths, so 59 960 ms reads "1 min", never "60.0 s".
  const tenths = Math.round(milliseconds / 100)
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`
  const seconds = Math.round(milliseconds / 1000)
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}
