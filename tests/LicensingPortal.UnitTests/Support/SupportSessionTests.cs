using LicensingPortal.Application.Auditing;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Support;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.Support;

/// <summary>R26: support views a company's portal with a reason, for at most an hour, read-only unless the company consents, for a time, revocably.</summary>
public sealed class SupportSessionTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private static readonly Guid Engineer = Guid.CreateVersion7();
    private static readonly Guid CompanyAdmin = Guid.CreateVersion7();

    private static SupportSession Start(int minutes = 30, string? reason = "Ticket 4711: the pool looks wrong", CompanyType type = CompanyType.Msp) =>
        SupportSession.Start(Engineer, "Sam Support", Guid.CreateVersion7(), Guid.CreateVersion7(), type, "Contoso", Guid.CreateVersion7(), reason, minutes, Now);

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    [InlineData(-5)]
    public void A_session_lasts_from_1_to_60_minutes_R26(int minutes)
    {
        var refused = Assert.Throws<DomainRuleViolation>(() => Start(minutes));

        Assert.Equal("R26", refused.Code);
        Assert.Equal("Minutes must be between 1 and 60.", refused.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_session_needs_a_reason_R26(string? reason)
    {
        var refused = Assert.Throws<DomainRuleViolation>(() => Start(reason: reason));

        Assert.Equal("R26", refused.Code);
        Assert.Equal("Reason", refused.Field);
    }

    [Fact]
    public void Support_never_views_a_providers_portal_R26() =>
        Assert.Equal("R26", Assert.Throws<DomainRuleViolation>(() => Start(type: CompanyType.Provider)).Code);

    [Fact]
    public void A_session_expires_at_its_time_and_is_then_closed_once_R26()
    {
        var session = Start(minutes: 60);

        Assert.True(session.IsActive(Now.AddMinutes(59)));
        Assert.False(session.IsActive(Now.AddMinutes(60)));
        Assert.False(session.CloseExpired(Now.AddMinutes(59)));
        Assert.True(session.CloseExpired(Now.AddMinutes(75)));
        Assert.False(session.CloseExpired(Now.AddMinutes(80)));
        Assert.Equal(Now.AddMinutes(60), session.EndsAt);
    }

    [Fact]
    public void An_ended_session_stays_ended_and_takes_no_consent_R26()
    {
        var session = Start();

        Assert.True(session.End(Now.AddMinutes(5)));
        Assert.False(session.End(Now.AddMinutes(6)));
        Assert.False(session.IsActive(Now.AddMinutes(6)));
        Assert.Equal(Now.AddMinutes(5), session.EndsAt);
        var refused = Assert.Throws<DomainRuleViolation>(() => session.GrantWriteAccess(CompanyAdmin, "Alex Admin", 15, Now.AddMinutes(6)));
        Assert.Equal(SupportSession.EndedMessage, refused.Message);
    }

    [Fact]
    public void A_session_is_read_only_until_the_company_consents_and_the_consent_is_time_bound_R26()
    {
        var session = Start(minutes: 60);
        session.RequestWriteAccess(Now.AddMinutes(1));

        Assert.False(session.AllowsWrites(Now.AddMinutes(1)));
        session.GrantWriteAccess(CompanyAdmin, "Alex Admin", 15, Now.AddMinutes(2));

        Assert.True(session.AllowsWrites(Now.AddMinutes(16)));
        Assert.False(session.AllowsWrites(Now.AddMinutes(17)));
    }

    [Fact]
    public void Consent_never_outlives_the_session_R26()
    {
        var session = Start(minutes: 10);
        session.GrantWriteAccess(CompanyAdmin, "Alex Admin", 60, Now);

        Assert.True(session.AllowsWrites(Now.AddMinutes(9)));
        Assert.False(session.AllowsWrites(Now.AddMinutes(10)));
    }

    [Fact]
    public void Consent_is_revocable_and_can_be_given_again_R26()
    {
        var session = Start(minutes: 60);
        session.GrantWriteAccess(CompanyAdmin, "Alex Admin", 30, Now);

        Assert.True(session.RevokeWriteAccess(Now.AddMinutes(5)));
        Assert.False(session.AllowsWrites(Now.AddMinutes(5)));
        Assert.False(session.RevokeWriteAccess(Now.AddMinutes(6)));
        session.GrantWriteAccess(CompanyAdmin, "Alex Admin", 10, Now.AddMinutes(7));
        Assert.True(session.AllowsWrites(Now.AddMinutes(8)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Consent_lasts_from_1_to_60_minutes_R26(int minutes) =>
        Assert.Equal("R26", Assert.Throws<DomainRuleViolation>(() => Start().GrantWriteAccess(CompanyAdmin, "Alex Admin", minutes, Now)).Code);

    [Fact]
    public void The_engineer_cannot_consent_to_their_own_session_R26() =>
        Assert.Equal("R26", Assert.Throws<DomainRuleViolation>(() => Start().GrantWriteAccess(Engineer, "Sam Support", 15, Now)).Code);

    [Fact]
    public void An_audit_entry_is_stamped_with_its_origin_once_R26()
    {
        var entry = AuditEntry.Record("CustomerCreated", "Customer", null, Guid.CreateVersion7(), new Actor(Engineer, "Sam Support"), Now);
        var company = Guid.CreateVersion7();

        entry.StampOrigin(AuditChannel.Support, "203.0.113.7", company);
        entry.StampOrigin(AuditChannel.Web, "198.51.100.1", null);

        Assert.Equal((AuditChannel.Support, "203.0.113.7", company), (entry.Channel, entry.ClientIp, entry.ActingAsCompanyId));
    }

    [Fact]
    public void Support_sessions_are_started_by_the_providers_support_and_consented_to_by_the_companys_administrators_R26()
    {
        Assert.True(PermissionMatrix.Allows([Roles.SupportEngineer], CompanyType.Provider, Permission.StartSupportSessions));
        Assert.True(PermissionMatrix.Allows([Roles.Administrator], CompanyType.Provider, Permission.StartSupportSessions));
        Assert.False(PermissionMatrix.Allows([Roles.Administrator], CompanyType.Msp, Permission.StartSupportSessions));
        Assert.False(PermissionMatrix.Allows([Roles.BillingManager], CompanyType.Provider, Permission.StartSupportSessions));
        Assert.True(PermissionMatrix.Allows([Roles.Administrator], CompanyType.Msp, Permission.ConsentToSupportAccess));
        Assert.True(PermissionMatrix.Allows([Roles.CustomerAdministrator], CompanyType.Customer, Permission.ConsentToSupportAccess));
        Assert.False(PermissionMatrix.Allows([Roles.CustomerViewer], CompanyType.Customer, Permission.ConsentToSupportAccess));
        Assert.False(PermissionMatrix.Allows([Roles.SupportEngineer], CompanyType.Msp, Permission.ConsentToSupportAccess));
        Assert.False(PermissionMatrix.Allows([Roles.Administrator], CompanyType.Provider, Permission.ConsentToSupportAccess));
        Assert.Equal(AuditOrigin.System, new SystemAuditOrigin().Current);
    }
}
