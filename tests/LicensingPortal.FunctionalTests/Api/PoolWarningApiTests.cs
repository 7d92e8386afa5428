using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>R21: the license pool warning of Notifications › Settings, through the API, under the page's rule (R20) and concurrency (R19).</summary>
public sealed class PoolWarningApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_key_reads_and_sets_its_pool_warning_out_of_range_is_refused_and_a_provider_has_none_R21_R20_R19()
    {
        var msp = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var read = await msp.GetAsync("/api/v1/pool-warning", Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(10, (await read.JsonAsync()).GetProperty("percent").GetInt32());
        var etag = read.Headers.ETag!.Tag;

        var refused = await msp.PutIfMatchAsync("/api/v1/pool-warning", new { percent = 100 }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("R20", await refused.RuleCodeAsync());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await msp.PutIfMatchAsync("/api/v1/pool-warning", new { percent = 20 }, "\"999\"")).StatusCode);

        var set = await msp.PutIfMatchAsync("/api/v1/pool-warning", new { percent = 20 }, etag);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(20, await Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Name == ApiKeys.Contoso).Select(c => c.PoolWarningPercent).SingleAsync(Cancel)));
        var off = await msp.PutIfMatchAsync("/api/v1/pool-warning", new { percent = (int?)null }, set.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Null(await Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Name == ApiKeys.Contoso).Select(c => c.PoolWarningPercent).SingleAsync(Cancel)));

        var provider = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync("/api/v1/pool-warning", Cancel)).StatusCode);
    }
}
