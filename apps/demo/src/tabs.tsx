import { useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface Tab<Id extends string> {
  id: Id
  label: string
  /** Shown instead of `label` on narrow screens; the accessible name stays `label`. Default: `label`. */
  shortLabel?: string
}

export interface TabListProps<Id extends string> {
  tabs: ReadonlyArray<Tab<Id>>
  selected: Id
  onSelect: (id: Id) => void
  label: string
}

export const tabId = (id: string) => `tab-${id}`
export const panelId = (id: string) => `panel-${id}`

/** An ARIA tablist with a roving tab stop: Tab enters the selected tab, arrows move between tabs. */
export function TabList<Id extends string>({ tabs, selected, onSelect, label }: TabListProps<Id>) {
  const listRef = useRef<HTMLDivElement>(null)

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.id === selected)
    const next = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key]
    const tab = next === undefined ? undefined : tabs[next]
    if (!tab) return
    event.preventDefault()
    onSelect(tab.id)
    listRef.current?.querySelector<HTMLElement>(`#${tabId(tab.id)}`)?.focus()
  }

  return (
    <div ref={listRef} role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId(tab.id)}
          aria-selected={tab.id === selected}
          aria-controls={panelId(tab.id)}
          tabIndex={tab.id === selected ? 0 : -1}
          className="tab"
          aria-label={tab.shortLabel ? tab.label : undefined}
          onClick={() => onSelect(tab.id)}
        >
          {tab.shortLabel ? (
            <>
              <span className="tab-label-full">{tab.label}</span>
              <span className="tab-label-short">{tab.shortLabel}</span>
            </>
          ) : (
            tab.label
          )}
        </button>
      ))}
    </div>
  )
}

/** Panels stay mounted while hidden, so a run keeps streaming when its tab is not shown. */
export function TabPanel({
  id,
  selected,
  children,
}: {
  id: string
  selected: boolean
  children: ReactNode
}) {
  return (
    <div
      role="tabpanel"
      id={panelId(id)}
      aria-labelledby={tabId(id)}
      hidden={!selected}
      className="tab-panel"
    >
      {children}
    </div>
  )
}
