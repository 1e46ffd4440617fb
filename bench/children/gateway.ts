// The gateway as the cold listDisks row loads it: built with the production options (scripts/build.mjs
// --entry), so it requires the sibling sdk.js on its first request, like dist/main.js does.
export { createEcsGateway } from '../../src/ecs/createEcsGateway';
export { isSdkLoaded, useSdkCompileCache } from '../../src/ecs/sdkLoader';
