using LicensingPortal.Application.Billing;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.Infrastructure.Billing;

public static class StatementExportServices
{
    /// <summary>The statement's writers, one per <see cref="StatementFormat"/>; <see cref="ExportStatement"/> picks one.</summary>
    public static IServiceCollection AddStatementExports(this IServiceCollection services)
    {
        services.AddSingleton<IStatementWriter, StatementCsvWriter>();
        services.AddSingleton<IStatementWriter, StatementWorkbookWriter>();
        services.AddSingleton<IStatementWriter, StatementPdfWriter>();
        return services;
    }
}
