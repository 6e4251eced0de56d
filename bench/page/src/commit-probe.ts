/**
 * Counts commits, and renders of settled messages, without touching the components (so the page
 * runs React's production build, as an app ships it): a stand-in for the React
 * DevTools hook sees every commit, and a walk of the committed fiber tree tells which components
 * ran. The walk follows the rule React DevTools uses: a subtree whose child pointer did not change
 * bailed out (nothing in it rendered); a component fiber rendered if it is new or carries the
 * PerformedWork flag. Must be imported before react-dom, which reads the hook when it loads.
 */

interface Fiber {
  tag: number
  flags: number
  memoizedProps: unknown
  child: Fiber | null
  sibling: Fiber | null
  alternate: Fiber | null
}

const performedWork = 1
// FunctionComponent, ClassComponent, ForwardRef, SimpleMemoComponent: the fibers that run user code.
const componentTags = new Set([0, 1, 11, 15])

/** The id of the message a component renders, if its props carry one. */
function messageIdOf(props: unknown): string | undefined {
  if (typeof props !== 'object' || props === null) return undefined
  const { message } = props as { message?: { id?: unknown; role?: unknown } }
  if (message && typeof message.id === 'string' && typeof message.role === 'string') {
    return message.id
  }
  return undefined
}

const state = {
  /** Whether commits count: from `resetProbe` on. */
  counting: false,
  /** Commits of any root while counting (the page has one: the chat). */
  commits: 0,
  settled: new Set<string>(),
  /** Commits × settled messages that rendered anything in that commit. */
  settledRenders: 0,
  /** Most message components seen in one commit: 0 means the probe cannot see messages. */
  messageComponents: 0,
  /** Time spent walking, to subtract from main-thread figures. */
  walkMilliseconds: 0,
}

function walk(root: Fiber) {
  const rendered = new Set<string>()
  let messageComponents = 0
  const stack: Array<[Fiber, string | undefined]> = [[root, undefined]]
  while (stack.length > 0) {
    const [fiber, owner] = stack.pop()!
    const isComponent = componentTags.has(fiber.tag)
    const messageId = isComponent ? messageIdOf(fiber.memoizedProps) : undefined
    if (messageId !== undefined) messageComponents++
    const currentOwner = messageId ?? owner
    const didRender = fiber.alternate === null || (fiber.flags & performedWork) !== 0
    if (isComponent && didRender && currentOwner && state.settled.has(currentOwner)) {
      rendered.add(currentOwner)
    }
    if (fiber.alternate !== null && fiber.child === fiber.alternate.child) continue
    for (let child = fiber.child; child; child = child.sibling) stack.push([child, currentOwner])
  }
  state.settledRenders += rendered.size
  state.messageComponents = Math.max(state.messageComponents, messageComponents)
}

declare global {
  interface Window {
    __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown
  }
}

window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true,
  renderers: new Map(),
  inject: () => 1,
  checkDCE: () => {},
  onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
    if (!state.counting) return
    state.commits++
    const start = performance.now()
    walk(root.current)
    state.walkMilliseconds += performance.now() - start
  },
  onCommitFiberUnmount: () => {},
  onPostCommitFiberRoot: () => {},
}

/** Starts counting: the given messages are settled from now on. */
export function resetProbe(settledIds: Iterable<string>) {
  state.counting = true
  state.commits = 0
  state.settled = new Set(settledIds)
  state.settledRenders = 0
  state.messageComponents = 0
  state.walkMilliseconds = 0
}

/** Stops counting and reads what was counted. */
export function readProbe() {
  state.counting = false
  return {
    commits: state.commits,
    settledRenders: state.settledRenders,
    messageComponents: state.messageComponents,
    walkMilliseconds: state.walkMilliseconds,
  }
}
