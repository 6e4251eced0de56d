// react-dom/profiling is react-dom/client built with the Profiler timings kept.
declare module 'react-dom/profiling' {
  export * from 'react-dom/client'
}
