// Stands in, in the function's bundle, for modules the COS SDK's HTTP client loads but the handler never calls
// (UNREACHED_MODULES in lib/bundling.ts): what that client would call of them throws, naming the module.
const unreached = (name) => () => {
  throw new Error(`${name} is left out of the function's bundle (lib/bundling.ts), and the COS SDK called it`);
};
module.exports = { get: unreached("psl"), signRequest: unreached("http-signature") };
