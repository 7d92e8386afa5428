using LicensingPortal.Application.Notifications;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Partners;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.Notifications;

/// <summary>R20: nobody is surprised by an expiry or a renewal.</summary>
public sealed class NotificationRulesTests
{
    private static readonly DateOnly Today = TestToday.Date;
    private static readonly DateTimeOffset Now = TestToday.Now;

    private static LicenseFacts NotRenewing(int daysLeft, int notifyDays = 30) =>
        new(Today.AddDays(daysLeft), notifyDays, AutoRenew: false, AutoRenewMonths: null, LicenseType.Full);

    private static LicenseFacts Renewing(int daysLeft) =>
        new(Today.AddDays(daysLeft), 30, AutoRenew: true, AutoRenewMonths: 12, LicenseType.Full);

    [Theory]
    [InlineData(Roles.CustomerAdministrator)]
    [InlineData(Roles.CustomerViewer)]
    public void A_customer_user_receives_its_licenses_expiry_and_renewal_notices_and_its_requests_answers_only_R25_R20(string role)
    {
        var kinds = NotificationAudience.KindsFor([role], CompanyType.Customer);

        // R26: the customer's administrators are also told when provider support opens their portal.
        NotificationKind[] support = role == Roles.CustomerAdministrator ? [NotificationKind.SupportSessionStarted] : [];
        Assert.Equal(
            [NotificationKind.LicenseExpiringSoon, NotificationKind.LicenseExpired, NotificationKind.AutoRenewalComingUp, NotificationKind.AutoRenewalDone, NotificationKind.LicenseRequestAnswered, .. support],
            kinds.Order());
        Assert.False(NotificationAudience.Receives(NotificationKind.LicenseExpiringSoon, [Roles.SupportEngineer], CompanyType.Msp));
        Assert.True(NotificationAudience.Receives(NotificationKind.LicenseExpiringSoon, [Roles.LicenseManager], CompanyType.Msp));
    }

    [Fact]
    public void A_refused_scheduled_change_tells_the_reason_and_where_to_act_R23_R20()
    {
        var message = NotificationTemplate.Default(NotificationKind.ScheduledChangeRefused, new Dictionary<string, string>
        {
            ["customer"] = "Acme",
            ["plan"] = "WFBSS Standard",
            ["date"] = "2026-12-11",
            ["reason"] = "30 units per license need 20 more from the license pool, which has 5 free.",
            ["recipient"] = "Morgan",
            ["link"] = "https://portal.example/customers/1/licenses/2",
        });

        Assert.Equal("Acme: the change scheduled for WFBSS Standard on 2026-12-11 was refused", message.Subject);
        Assert.Contains("which has 5 free.", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.example/customers/1/licenses/2", message.HtmlBody, StringComparison.Ordinal);
        Assert.True(NotificationKind.ScheduledChangeRefused.IsAboutLicense());
    }

    [Fact]
    public void A_license_that_will_not_renew_is_announced_at_its_own_notification_threshold_R20()
    {
        Assert.Null(LicenseNoticeRules.Due(Today, NotRenewing(daysLeft: 31, notifyDays: 30)));
        Assert.Equal(NotificationKind.LicenseExpiringSoon, LicenseNoticeRules.Due(Today, NotRenewing(daysLeft: 30, notifyDays: 30))!.Kind);
        Assert.Null(LicenseNoticeRules.Due(Today, NotRenewing(daysLeft: 8, notifyDays: 7)));
        Assert.Equal(NotificationKind.LicenseExpiringSoon, LicenseNoticeRules.Due(Today, NotRenewing(daysLeft: 0, notifyDays: 7))!.Kind);
    }

    [Fact]
    public void An_expired_license_is_announced_for_a_week_after_expiry_not_forever_R20()
    {
        Assert.Equal(NotificationKind.LicenseExpired, LicenseNoticeRules.Due(Today, NotRenewing(daysLeft: -1))!.Kind);
        Assert.Equal(NotificationKind.LicenseExpired, LicenseNoticeRules.Due(Today, NotRenewing(daysLeft: -LicenseNoticeRules.ExpiredNoticeDays))!.Kind);
        Assert.Null(LicenseNoticeRules.Due(Today, NotRenewing(daysLeft: -LicenseNoticeRules.ExpiredNoticeDays - 1)));
    }

    [Fact]
    public void An_auto_renewing_license_is_announced_fourteen_days_before_renewal_not_as_expiring_R20()
    {
        Assert.Null(LicenseNoticeRules.Due(Today, Renewing(daysLeft: 15)));
        Assert.Equal(NotificationKind.AutoRenewalComingUp, LicenseNoticeRules.Due(Today, Renewing(daysLeft: 14))!.Kind);
        Assert.Equal(NotificationKind.AutoRenewalComingUp, LicenseNoticeRules.Due(Today, Renewing(daysLeft: 20), renewalNoticeDays: 21)!.Kind);
        Assert.Null(LicenseNoticeRules.Due(Today, Renewing(daysLeft: -1)));
    }

    [Fact]
    public void A_trial_with_auto_renewal_set_is_still_warned_that_it_expires_R20()
    {
        var trial = new LicenseFacts(Today.AddDays(5), 7, AutoRenew: true, AutoRenewMonths: 1, LicenseType.Trial);

        Assert.Equal(NotificationKind.LicenseExpiringSoon, LicenseNoticeRules.Due(Today, trial)!.Kind);
    }

    [Fact]
    public void A_notice_key_is_the_same_on_every_run_and_changes_when_the_license_renews_R20()
    {
        var license = Guid.CreateVersion7();
        var first = LicenseNoticeRules.Due(Today, Renewing(10))!;
        var again = LicenseNoticeRules.Due(Today.AddDays(1), Renewing(10) with { ExpiresOn = Today.AddDays(10) })!;
        var renewed = LicenseNoticeRules.Due(Today.AddYears(1), Renewing(10) with { ExpiresOn = Today.AddYears(1).AddDays(10) })!;

        Assert.Equal(first.KeyFor(license), again.KeyFor(license));
        Assert.NotEqual(first.KeyFor(license), renewed.KeyFor(license));
    }

    [Fact]
    public void License_notices_go_to_those_who_can_modify_licenses_partner_status_to_the_partners_admins_R20()
    {
        Assert.True(NotificationAudience.Receives(NotificationKind.AutoRenewalComingUp, [Roles.CustomerAccountManager], CompanyType.Msp));
        Assert.False(NotificationAudience.Receives(NotificationKind.AutoRenewalComingUp, [Roles.SupportEngineer], CompanyType.Msp));
        Assert.True(NotificationAudience.Receives(NotificationKind.PartnerSuspended, [Roles.Administrator], CompanyType.Reseller));
        Assert.False(NotificationAudience.Receives(NotificationKind.PartnerSuspended, [Roles.Administrator], CompanyType.Provider));
        Assert.False(NotificationAudience.Receives(NotificationKind.SuiteChangeAwaitingApproval, [Roles.Administrator], CompanyType.Reseller));
        Assert.Empty(NotificationAudience.KindsFor([Roles.SupportEngineer], CompanyType.Msp));
    }

    [Fact]
    public void A_pool_runs_low_below_the_partners_share_of_free_units_and_is_announced_again_only_when_the_provider_adds_units_R20()
    {
        Assert.True(PoolNoticeRules.IsRunningLow(unitsTotal: 200, unitsUsed: 181, percent: 10)); // 19 free: 9.5%
        Assert.False(PoolNoticeRules.IsRunningLow(unitsTotal: 200, unitsUsed: 180, percent: 10)); // 20 free: exactly 10%
        Assert.True(PoolNoticeRules.IsRunningLow(unitsTotal: 5, unitsUsed: 9, percent: 1)); // over-used through refill
        Assert.True(PoolNoticeRules.IsRunningLow(unitsTotal: 100_000_000, unitsUsed: 99_999_999, percent: 99)); // no overflow
        Assert.False(PoolNoticeRules.IsRunningLow(unitsTotal: 0, unitsUsed: 0, percent: 50));

        var pool = Guid.NewGuid();
        Assert.Equal(PoolNoticeRules.KeyFor(pool, 200, 0), PoolNoticeRules.KeyFor(pool, 230, 30)); // refill is not a new size
        Assert.NotEqual(PoolNoticeRules.KeyFor(pool, 200, 0), PoolNoticeRules.KeyFor(pool, 250, 0)); // the provider added units
    }

    [Fact]
    public void A_partner_warns_at_10_percent_unless_it_sets_1_to_99_or_off_and_a_provider_has_no_pool_warning_R20()
    {
        var provider = Company.CreateProvider("Northwind", "US", "US", Now);
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso", null, "ops@contoso.example", null, null, "US", "US"), Now);
        Assert.Equal(Company.DefaultPoolWarningPercent, msp.PoolWarningPercent);

        msp.SetPoolWarning(25);
        Assert.Equal(25, msp.PoolWarningPercent);
        msp.SetPoolWarning(null);
        Assert.Null(msp.PoolWarningPercent);
        foreach (var bad in new[] { 0, 100, -1 })
        {
            var refused = Assert.Throws<DomainRuleViolation>(() => msp.SetPoolWarning(bad));
            Assert.Equal("R20", refused.Code);
        }

        Assert.Null(msp.PoolWarningPercent);
        Assert.Equal("R20", Assert.Throws<DomainRuleViolation>(() => provider.SetPoolWarning(10)).Code);

        // Heard by those who spend the pool and those who set the warning; never by a provider, nor by a billing manager.
        Assert.True(NotificationAudience.Receives(NotificationKind.LicensePoolRunningLow, [Roles.CustomerAccountManager], CompanyType.Msp));
        Assert.True(NotificationAudience.Receives(NotificationKind.LicensePoolRunningLow, [Roles.Administrator], CompanyType.Reseller));
        Assert.False(NotificationAudience.Receives(NotificationKind.LicensePoolRunningLow, [Roles.BillingManager], CompanyType.Msp));
        Assert.False(NotificationAudience.Receives(NotificationKind.LicensePoolRunningLow, [Roles.Administrator], CompanyType.Provider));
    }

    [Fact]
    public void Template_values_and_text_are_HTML_encoded_and_the_link_is_a_link_R20()
    {
        var message = NotificationTemplate.Render(
            "{customer}: expires {date}",
            "Dear {recipient} <b>\n{link}",
            new Dictionary<string, string>
            {
                ["customer"] = "Evil <script>alert(1)</script>",
                ["date"] = "2026-12-01",
                ["recipient"] = "A & B",
                ["link"] = "https://portal.example/customers/1?x=\"y\"",
            });

        Assert.Equal("Evil <script>alert(1)</script>: expires 2026-12-01", message.Subject);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear A &amp; B &lt;b&gt;<br>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://portal.example/customers/1?x=&quot;y&quot;\">", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_placeholder_is_replaced_in_subject_and_body_and_a_value_that_looks_like_one_is_not_replaced_again_R20()
    {
        var values = NotificationTemplate.Placeholders.ToDictionary(p => p, p => $"<{p}-value>");
        values["customer"] = "{plan}";
        var text = string.Join(" ", NotificationTemplate.Placeholders.Select(p => "{" + p + "}"));

        var rendered = NotificationTemplate.Render(text, text, values);

        Assert.Equal(string.Join(" ", NotificationTemplate.Placeholders.Select(p => values[p])), rendered.Subject);
        Assert.DoesNotContain("{plan}-value", rendered.Subject, StringComparison.Ordinal);
        foreach (var placeholder in NotificationTemplate.Placeholders.Where(p => p is not "customer"))
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(values[placeholder]), rendered.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_template_with_an_unknown_placeholder_is_refused_with_the_placeholder_named_R20()
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => NotificationTemplate.Create(Guid.CreateVersion7(), NotificationKind.LicenseExpired, "Expired", "Hello {custmer}", Now));

        Assert.Equal("R20", refusal.Code);
        Assert.Equal("Body", refusal.Field);
        Assert.Contains("{custmer}", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_default_template_uses_only_known_placeholders_R20()
    {
        foreach (var kind in NotificationKinds.All)
        {
            var (subject, body) = NotificationTemplate.Defaults(kind);
            NotificationTemplate.Validate(subject, body);
        }
    }

    [Fact]
    public void Every_placeholder_has_a_sample_value_so_the_preview_of_every_default_template_is_complete_R20_R24()
    {
        Assert.All(NotificationTemplate.Placeholders, p => Assert.True(TemplateSamples.Values.ContainsKey(p), $"No sample value for {{{p}}}."));

        var (subject, body) = NotificationTemplate.Defaults(NotificationKind.UsageOverProvisioned);
        var preview = PreviewNotificationTemplate.Render(subject, body).Value!;

        Assert.Equal("Cedar Law Group <script>alert(1)</script>: 15 units in use on 2026-12-31, 12 provisioned", preview.Subject);
        Assert.Contains("reported 15 units of the", preview.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("more than the 12 units it provides", preview.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_email_is_retried_with_exponential_backoff_then_given_up_R20()
    {
        var email = NewEmail();
        var at = Now;
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= OutboxEmail.MaxAttempts; attempt++)
        {
            email.Claim(at);
            email.MarkFailed("connection refused", permanent: false, at);
            if (email.State == OutboxEmailState.Failed)
            {
                break;
            }

            Assert.False(email.IsDue(at));
            delays.Add(email.DueAt - at);
            at = email.DueAt;
        }

        Assert.Equal(OutboxEmailState.Failed, email.State);
        Assert.Equal(OutboxEmail.MaxAttempts, email.Attempts);
        Assert.Equal([1, 2, 4, 8, 16, 32, 64], delays.Select(d => d.TotalMinutes));
    }

    [Fact]
    public void A_refused_address_fails_at_once_and_a_claimed_email_cannot_be_claimed_again_R20()
    {
        var email = NewEmail();
        email.Claim(Now);

        Assert.Throws<DomainRuleViolation>(() => email.Claim(Now));
        Assert.True(email.IsDue(Now + OutboxEmail.ClaimLease));

        email.MarkFailed("bad address", permanent: true, Now);
        Assert.Equal(OutboxEmailState.Failed, email.State);
        Assert.Equal(1, email.Attempts);
    }

    private static OutboxEmail NewEmail()
    {
        var notification = Notification.Create(Guid.CreateVersion7(), Guid.CreateVersion7(), NotificationKind.LicenseExpired, "k", "t", "/", Now);
        return OutboxEmail.For(notification, "a@b.example", new RenderedMessage("s", "b"), Now);
    }
}
