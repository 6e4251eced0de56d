import { useEffect, useState } from 'react'

export interface DemoConfig {
  mode: 'mock' | 'upstream'
  scenarios: string[]
}

/** Asks the demo server whether it runs the mock agent (and so offers scenarios). */
export function useDemoConfig(): DemoConfig | undefined {
  const [config, setConfig] = useState<DemoConfig>()
  useEffect(() => {
    const controller = new AbortController()
    fetch('/api/demo-config', { signal: controller.signal })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((body: DemoConfig | undefined) => {
        if (body && Array.isArray(body.scenarios)) setConfig(body)
      })
      // Without the config the demo still works: it just offers no scenarios.
      .catch(() => undefined)
    return () => controller.abort()
  }, [])
  return config
}
