// The API reference page (/api/reference): Scalar over the app's own OpenAPI document.
(function () {
    var app = document.getElementById('app');
    window.Scalar.createApiReference('#app', {
        url: app.getAttribute('data-document'),
        withDefaultFonts: false,
        hideClientButton: true,
        // Offline and private: no toolbar of hosted services, no AI agent, no telemetry to Scalar's servers.
        showDeveloperTools: 'never',
        agent: { disabled: true },
        mcp: { disabled: true },
        telemetry: false,
        _integration: 'dotnet'
    });
})();
