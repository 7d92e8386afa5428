// The API reference page (/api/reference): Scalar over the app's own OpenAPI document.
(function () {
    var app = document.getElementById('app');
    window.Scalar.createApiReference('#app', {
        url: app.getAttribute('data-document'),
        withDefaultFonts: false,
        hideClientButton: true,
        _integration: 'dotnet'
    });
})();
