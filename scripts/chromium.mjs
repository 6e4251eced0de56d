// How every test and benchmark here launches a browser: Debian's Chromium (scripts/setup.sh
// installs it; Playwright never downloads one). Without the networking flags Chromium floods a
// closed network with refused connections.
export const chromiumExecutable = '/usr/bin/chromium'

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
