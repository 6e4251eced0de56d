import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@auteryn/react/styles.css'
import './app.css'
import './controls.css'
import './pages/support-panel-page.css'
import './support-panel/support-panel.css'
import './inspector/inspector.css'
import { App } from './app'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
