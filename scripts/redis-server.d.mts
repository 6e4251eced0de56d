export interface TestRedis {
  url: string
  stop(): Promise<void>
}
export function startRedis(): Promise<TestRedis>
