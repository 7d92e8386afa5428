using FluentValidation;
using FluentValidation.AspNetCore;
using LicensingPortal.Application;
using LicensingPortal.Application.Security;
using LicensingPortal.Infrastructure.Billing;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Security;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.Infrastructure.Webhooks;
using LicensingPortal.Web.Input;
using LicensingPortal.Web.Security;
using LicensingPortal.Web.Security.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Startup;

public static class PortalServices
{
    public const string ApplicationName = "LicensingPortal";

    public static IServiceCollection AddPortal(this IServiceCollection services, DatabaseSettings database, IHostEnvironment environment)
    {
        // Outside Development every cookie is Secure and __Host- prefixed (HTTPS, possibly behind a proxy).
        // Development serves plain http://localhost for `dotnet run`, where a Secure-only antiforgery cookie cannot work.
        var httpsOnly = !environment.IsDevelopment();
        var cookiePrefix = httpsOnly ? "__Host-" : string.Empty;
        var securePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        services.AddSingleton(TimeProvider.System);
        services.AddPortalDatabase(database);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        // R26: audit entries carry the request's channel, client address and the company a support session acts as.
        services.AddSingleton<LicensingPortal.Application.Auditing.IAuditOrigin, HttpAuditOrigin>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<LicenseScheduler>();
        services.AddSingleton<MonthCloseJob>();
        services.AddSingleton(sp => NotificationSettings.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<NotificationJob>();
        services.AddWebhooks(sp => WebhookSettings.Read(sp.GetRequiredService<IConfiguration>(), environment.IsDevelopment()));
        services.AddHostedService<SchedulerService>();
        // R26: the configuration switch is the provider's sign-in policy until its administrators save one.
        services.AddSingleton(sp => new LicensingPortal.Application.SignInPolicies.SignInPolicyDefaults(
            sp.GetRequiredService<IConfiguration>().GetValue(TwoFactorPolicy.SettingName, defaultValue: true)));
        services.AddPortalUseCases();
        services.AddStatementExports();
        services.AddPortalAccounts();
        services.AddSingleton<LicensingPortal.Application.ApiKeys.IIdempotentRequests, LicensingPortal.Infrastructure.ApiKeys.IdempotentRequests>();

        // Keys in the database under one application name: cookies survive restarts and work on every node.
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<PortalDbContext>();

        services.AddIdentity<PortalUser, PortalRole>(options =>
            {
                // ASVS 5.0 / NIST 800-63B: length, not composition; common passwords refused (CommonPasswordValidator).
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        // SessionCheck ends a changed account's session at its next request; this interval only refreshes the
        // principal's claims (names, company) now and then.
        services.AddScoped<SessionCheck>();
        services.AddPortalSingleSignOn(environment);

        // HSTS outside Development: a year; subdomains only when the operator says every subdomain serves HTTPS.
        services.AddOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = configuration.GetValue("Security:HstsIncludeSubDomains", false);
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);

            // A refreshed principal keeps the original sign-in time, so the session lifetime still counts from it, and the
            // channel it was signed in through (R26).
            o.OnRefreshingPrincipal = context =>
            {
                foreach (var type in new[] { PortalClaims.SignedInAt, PortalClaims.Channel })
                {
                    var kept = context.CurrentPrincipal?.FindFirst(type);
                    if (kept is not null && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                    {
                        identity.FindAll(type).ToList().ForEach(identity.RemoveClaim);
                        identity.AddClaim(new System.Security.Claims.Claim(type, kept.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = cookiePrefix + "LicensingPortal";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            // R26: the idle timeout and the session lifetime are the sign-in policy's (SignInPolicyEnforcement); the cookie
            // itself lasts as long as the longest idle timeout a policy may set.
            options.ExpireTimeSpan = SignInPolicyEnforcement.CookieLifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (context.Principal is null || !await context.HttpContext.RequestServices.GetRequiredService<SessionCheck>().IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await SecurityStampValidator.ValidatePrincipalAsync(context);
                await SignInPolicyEnforcement.ValidateAsync(context);
            };
            options.Events.OnRedirectToLogin = SignInPolicyEnforcement.RedirectToSignInAsync;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";

            // R1: what a user may not reach answers 404, never 403.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // R25: a customer's own user reaches no partner or provider page (404 like the rest); its home is its licenses.
                if (context.Request.Path == "/" && context.HttpContext.User.CompanyType() == LicensingPortal.Domain.Partners.CompanyType.Customer)
                {
                    context.Response.Redirect("/my/licenses");
                    return Task.CompletedTask;
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();

        services.AddControllersWithViews(options =>
        {
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            options.InputFormatters.Add(new Api.CsvInputFormatter());
            options.ModelBinderProviders.Insert(0, new CheckboxModelBinderProvider());
            options.Filters.Add(new TamperedVersionFilter());
            options.Filters.Add(new SupportReadOnlyFilter());

            // The input policy (ADR 0014) on everything bound, forms, queries and API bodies alike.
            options.ModelValidatorProviders.Add(new InputPolicyValidatorProvider());
            options.Filters.Add(new RefusedQueryFilter());

            // R18: a value that does not even parse gets a sentence, next to its field, with what was typed.
            options.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, field) => $"'{value}' is not a valid value for {field}.");
            options.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => $"'{value}' is not a valid value.");
            options.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(field => $"{field} must be a number.");
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = cookiePrefix + "LicensingPortal-AF";
            options.Cookie.SecurePolicy = securePolicy;
        });

        // The status message after a redirect (PRG) travels in this cookie: Secure and __Host- like the others.
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = cookiePrefix + "LicensingPortal-TempData";
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.Path = "/";
        });

        // Validators run explicitly in each action (docs/adr/0003); only the client-side adapters are wired. They hold no
        // state and take no services, so one of each serves every request: built per request, their rules (compiled
        // property accessors) cost a GET of the customers list more than its view model.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
        services.AddValidatorsFromAssemblyContaining<Application.Customers.CustomerInputValidator>(ServiceLifetime.Singleton);
        services.AddFluentValidationClientsideAdapters();

        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);
        return services;
    }
}
