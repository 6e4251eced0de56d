export { createRedisRunStore } from './redis-run-store'
export type { RedisRunStore, RedisRunStoreOptions } from './redis-run-store'
