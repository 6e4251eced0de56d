import { useState } from 'react'
import { useStoredState } from './use-stored-state'
import { useDemoConfig } from './use-demo-config'
import { useTheme, type ThemePreference } from './use-theme'
import { TabList, TabPanel, type Tab } from './tabs'
import { defaultScenario, endpointFor, scenarioDescriptions } from './scenarios'
import { DropInPage } from './pages/drop-in-page'
import { SupportPanelPage } from './pages/support-panel-page'
import { InspectorPage } from './pages/inspector-page'

type PageId = 'chat' | 'custom' | 'inspector'

const pages: ReadonlyArray<Tab<PageId>> = [
  { id: 'chat', label: 'Drop-in chat', shortLabel: 'Chat' },
  { id: 'custom', label: 'Custom UI' },
  { id: 'inspector', label: 'Event inspector', shortLabel: 'Inspector' },
]

const isPage = (value: string): value is PageId => pages.some((page) => page.id === value)
const isText = (value: string): value is string => value !== ''

const themes: ReadonlyArray<{ value: ThemePreference; label: string }> = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
]

export function App() {
  const config = useDemoConfig()
  const [page, setPage] = useStoredState<PageId>('auteryn-demo:page', 'chat', isPage)
  const [scenario, setScenario] = useStoredState('auteryn-demo:scenario', defaultScenario, isText)
  const [preference, theme, setPreference] = useTheme()
  // Phones show the scenario and theme pickers only on demand, so the chat keeps the screen.
  const [optionsOpen, setOptionsOpen] = useState(false)
  const mock = config?.mode === 'mock'
  // Only the mock understands scenarios; a real upstream gets the plain endpoint.
  const endpoint = mock ? endpointFor(scenario) : '/api/run'

  return (
    // `auteryn-root` gives every kit component inside the same theme tokens as the demo chrome.
    <div className="app auteryn-root" data-theme={theme}>
      <header className="app-header" data-options-open={optionsOpen || undefined}>
        <div className="app-bar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              A
            </span>
            <h1 className="brand-name">Auteryn React kit</h1>
            <span className="brand-tag">
              {config ? `demo · ${mock ? 'mock' : 'live'} agent` : 'demo'}
            </span>
          </div>
          <button
            type="button"
            className="button button-secondary options-toggle"
            aria-expanded={optionsOpen}
            aria-controls="demo-options"
            onClick={() => setOptionsOpen((open) => !open)}
          >
            Options
          </button>
          <div className="header-controls" id="demo-options">
            {mock && (
              <label className="field">
                <span className="field-label">Scenario</span>
                <select
                  className="select"
                  value={scenario}
                  onChange={(event) => setScenario(event.target.value)}
                >
                  {config.scenarios.map((name) => (
                    <option key={name} value={name}>
                      {scenarioDescriptions[name]
                        ? `${name} — ${scenarioDescriptions[name]}`
                        : name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <fieldset className="segmented">
              <legend className="visually-hidden">Theme</legend>
              {themes.map((option) => (
                <label key={option.value} className="segment">
                  <input
                    type="radio"
                    name="theme"
                    value={option.value}
                    checked={preference === option.value}
                    onChange={() => setPreference(option.value)}
                  />
                  <span>{option.label}</span>
                </label>
              ))}
            </fieldset>
          </div>
        </div>
        <div className="app-nav">
          <TabList tabs={pages} selected={page} onSelect={setPage} label="Demo pages" />
        </div>
      </header>
      <main className="app-main">
        <TabPanel id="chat" selected={page === 'chat'}>
          <DropInPage endpoint={endpoint} theme={theme} />
        </TabPanel>
        <TabPanel id="custom" selected={page === 'custom'}>
          <SupportPanelPage endpoint={endpoint} />
        </TabPanel>
        <TabPanel id="inspector" selected={page === 'inspector'}>
          <InspectorPage endpoint={endpoint} />
        </TabPanel>
      </main>
    </div>
  )
}
