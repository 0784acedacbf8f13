// The route files of app/api/v1, gathered by scripts/build-server.ts when it bundles the server.
declare module "virtual:api-routes" {
  const routes: import("./api-router").ApiRoute[];
  export default routes;
}
