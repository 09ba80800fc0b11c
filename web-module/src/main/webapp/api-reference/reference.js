// Shows the node's own OpenAPI document; no validator badge (it would call a server outside).
window.addEventListener("load", function () {
    SwaggerUIBundle({url: "/openapi?format=JSON", dom_id: "#reference", validatorUrl: null, deepLinking: true});
});
