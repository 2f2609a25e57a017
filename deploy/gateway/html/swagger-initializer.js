// Lurker's Swagger UI: one page listing every service's OpenAPI document (served by the gateway).
// Services document their own paths (/api/v1/...); through the gateway they live under
// /api/<svc>/v1/..., so "Try it out" requests are rewritten for the selected document.
window.onload = function () {
  var specs = [
    { url: "/openapi/analytics", name: "analytics-service" },
    { url: "/openapi/helix", name: "helix-gateway" },
    { url: "/openapi/auth", name: "auth-service" },
    { url: "/openapi/chat", name: "chat-ingest" },
    { url: "/openapi/gql", name: "gql-gateway" },
    { url: "/openapi/integrity", name: "integrity-service" }
  ];
  window.ui = SwaggerUIBundle({
    urls: specs,
    "urls.primaryName": "analytics-service",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
    requestInterceptor: function (req) {
      var selected = window.ui && window.ui.specSelectors && window.ui.specSelectors.url();
      var match = selected && /\/openapi\/([a-z]+)$/.exec(selected);
      if (match) {
        var u = new URL(req.url, window.location.href);
        if (u.origin === window.location.origin && u.pathname.indexOf("/api/v1/") === 0) {
          u.pathname = "/api/" + match[1] + u.pathname.substring(4);
          req.url = u.toString();
        }
      }
      return req;
    }
  });
};
