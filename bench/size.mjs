// Size: the same min+gzip figures the CI size check enforces (size-limit over the built dist).
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const buildDirectory = join(root, 'bench/.build')

const units = { B: 1, KB: 1000, MB: 1000 * 1000 }

/** size-limit's "5 KB" in bytes (it counts a KB as 1,000 bytes). */
function parseLimit(limit) {
  const match = /^([\d.]+)\s*(B|KB|MB)$/i.exec(limit.trim())
  return match ? Number(match[1]) * units[match[2].toUpperCase()] : undefined
}

/**
 * Runs size-limit on one check at a time: a build error in one entry (an export that has not
 * landed yet) makes size-limit report nothing at all, so each check gets its own config.
 */
function measureCheck(check, index) {
  mkdirSync(buildDirectory, { recursive: true })
  const config = join(buildDirectory, `size-limit-${index}.json`)
  const path = join(root, check.path)
  writeFileSync(config, JSON.stringify([{ ...check, path }]))
  return new Promise((resolve) => {
    // size-limit exits non-zero when a budget is exceeded; the JSON is still on stdout.
    const args = ['exec', 'size-limit', '--json', '--config', config]
    execFile('pnpm', args, { cwd: root }, (_error, stdout, stderr) => {
      let figure
      try {
        figure = JSON.parse(stdout)
      } catch {
        figure = { error: stderr.trim() || stdout.trim() }
      }
      resolve({ ...(Array.isArray(figure) ? figure[0] : figure), stderr })
    })
  })
}

function describe(check, figure) {
  const budget = parseLimit(check.limit)
  // esbuild only warns when the built file has no exports at all: the size would be a lie.
  const undefinedImport = /Import "(\w+)" will always be undefined/.exec(figure.stderr)?.[1]
  if (figure.error || !(figure.size > 0) || undefinedImport) {
    const error = String(figure.error ?? 'no figure')
    const missing =
      undefinedImport ?? /No matching export in "[^"]+" for import "(\w+)"/.exec(error)?.[1]
    const reason = missing
      ? `${missing} is not exported yet`
      : /Could not resolve|ENOENT|not found/i.test(error)
        ? 'not built'
        : error.split('\n')[0]
    return { name: check.name, available: false, reason, budget }
  }
  return {
    name: check.name,
    available: true,
    bytes: figure.size,
    budget,
    withinBudget: budget === undefined ? undefined : figure.size <= budget,
  }
}

/** Each size-limit entry with its gzip bytes and budget, or why it has no figure yet. */
export async function runSize() {
  const checks = JSON.parse(readFileSync(join(root, '.size-limit.json'), 'utf8'))
  const figures = await Promise.all(checks.map(measureCheck))
  return checks.map((check, index) => describe(check, figures[index]))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runSize(), null, 2))
}
