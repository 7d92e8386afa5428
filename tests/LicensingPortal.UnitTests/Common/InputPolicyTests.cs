using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.SuiteChanges;

namespace LicensingPortal.UnitTests.Common;

/// <summary>
/// The input policy (ADR 0014) where entities store what they are given (R17, R18): no control characters, text
/// trimmed, dates a person enters within 2000-01-01..2100-12-31. The web layer refuses the same values first;
/// these prove a path that skips it (a job, a new endpoint) still cannot store them.
/// </summary>
public sealed class InputPolicyTests
{
    private readonly Demo _demo = new();

    private static DateOnly Today => DateOnly.FromDateTime(Demo.Now.UtcDateTime);

    public static TheoryData<string> ControlCharacters => ["Bad\0Name", "Bad\u0001Name", "Bad\u001bName", "Bad\u007fName", "Bad\u0085Name", "Bad\tName", "Bad\nName"];

    public static TheoryData<string> ExtremeDates => ["0001-01-01", "1900-01-01", "1999-12-31", "2101-01-01", "9999-12-31"];

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public void A_customer_name_with_a_control_character_is_refused_R18(string name)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => Customer.Create(_demo.Msp, name, null, "US", Demo.Now));

        Assert.Equal("R18", refusal.Code);
        Assert.Equal("Name", refusal.Field);
    }

    [Fact]
    public void Half_a_surrogate_pair_is_refused_and_a_whole_one_is_kept_R18()
    {
        Assert.Throws<DomainRuleViolation>(() => Customer.Create(_demo.Msp, "Bad\uD800Name", null, "US", Demo.Now));
        Assert.Throws<DomainRuleViolation>(() => Customer.Create(_demo.Msp, "Bad\uDC00", null, "US", Demo.Now));
        Assert.Equal("Smile \uD83D\uDE42", Customer.Create(_demo.Msp, "Smile \uD83D\uDE42", null, "US", Demo.Now).Name);
    }

    [Fact]
    public void The_message_names_the_field_and_the_character_R18()
    {
        Assert.Equal("Name contains a control character (U+0000), which is not allowed; remove it.", InputPolicy.TextProblem("a\0b", "Name"));
        Assert.Equal("Name is one line: remove the line break.", InputPolicy.TextProblem("a\nb", "Name"));
        Assert.Null(InputPolicy.TextProblem("Zoë 日本 🙂 – O'Brien", "Name"));
    }

    [Fact]
    public void Multi_line_text_keeps_tabs_and_line_breaks_but_no_other_control_character_R18()
    {
        Assert.Equal(-1, InputPolicy.ForbiddenCharacterAt("Dear {customer},\r\n\tyour license...", multiLine: true));
        Assert.Equal(4, InputPolicy.ForbiddenCharacterAt("Dear\0", multiLine: true));

        var template = NotificationTemplate.Create(_demo.Provider.Id, NotificationKind.LicenseExpired, "Expired", "Hello,\n\n{customer} expired.", Demo.Now);
        Assert.Contains("\n\n", template.Body, StringComparison.Ordinal);
        Assert.Throws<DomainRuleViolation>(() => NotificationTemplate.Create(_demo.Provider.Id, NotificationKind.LicenseExpired, "Expired", "Hello\u0007", Demo.Now));
    }

    [Fact]
    public void Text_is_trimmed_and_white_space_alone_is_no_value_R18()
    {
        var customer = Customer.Create(_demo.Msp, "  Acme Dental  ", "   ", "us", Demo.Now);

        Assert.Equal("Acme Dental", customer.Name);
        Assert.Null(customer.ContactEmail);
        Assert.Equal("R18", Assert.Throws<DomainRuleViolation>(() => Customer.Create(_demo.Msp, " \t ", null, "US", Demo.Now)).Code);
        Assert.Equal("R18", Assert.Throws<DomainRuleViolation>(() => _demo.Msp.UpdateProfile(Demo.Profile("Contoso MSP") with { ContactEmail = "   " })).Code);
    }

    [Fact]
    public void Names_of_keys_plans_and_partners_refuse_control_characters_R18()
    {
        Assert.Throws<DomainRuleViolation>(() => ApiKey.Create(_demo.Msp.Id, "CI\0", "Administrator", "Test", Demo.Now));
        Assert.Throws<DomainRuleViolation>(() => Demo.Plan(_demo.Msp, _demo.Wfbss, "Plan\u0001", 0));
        Assert.Throws<DomainRuleViolation>(() => _demo.Msp.UpdateProfile(Demo.Profile("Contoso\u001b MSP")));
    }

    [Theory]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public void An_expiration_date_beyond_the_window_is_refused_R6(string date)
    {
        var license = _demo.Buy(_demo.Standard12);
        var before = license.ExpiresOn;
        var expiresOn = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            license.Modify(license.Settings with { ExpiresOn = expiresOn }, null, _demo.PoolFor, Demo.Someone, Demo.Now));

        Assert.Equal(nameof(CustomerLicense.ExpiresOn), refusal.Field);
        Assert.Contains("2000-01-01 and 2100-12-31", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, license.ExpiresOn);
    }

    [Fact]
    public void The_last_day_of_the_window_is_accepted_R6()
    {
        var license = _demo.Buy(_demo.Standard12);

        license.Modify(license.Settings with { ExpiresOn = InputPolicy.LatestDate }, null, _demo.PoolFor, Demo.Someone, Demo.Now);

        Assert.Equal(new DateOnly(2100, 12, 31), license.ExpiresOn);
    }

    [Fact]
    public void A_change_scheduled_beyond_the_window_is_refused_R7()
    {
        var license = _demo.Buy(_demo.Standard12);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            license.Schedule(license.Settings with { Units = 12 }, null, new DateOnly(9999, 12, 31), Demo.Someone, Demo.Now));

        Assert.Equal("R7", refusal.Code);
        Assert.Null(license.PendingChange);
    }

    [Theory]
    [MemberData(nameof(ExtremeDates))]
    public void A_suite_change_effective_outside_the_window_is_refused_and_locks_nothing_R5(string date)
    {
        var effectiveOn = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            SuiteCompositionChange.Record(_demo.Wfbss, ["Sandbox"], [], null, effectiveOn, [_demo.Standard12], Demo.Someone, Demo.Now));

        Assert.Equal(nameof(SuiteCompositionChange.EffectiveOn), refusal.Field);
        Assert.False(_demo.Standard12.IsLocked);
    }

    [Fact]
    public void A_suite_change_component_with_a_control_character_is_refused_R5()
    {
        Assert.Throws<DomainRuleViolation>(() =>
            SuiteCompositionChange.Record(_demo.Wfbss, ["Sand\0box"], [], null, Today, [_demo.Standard12], Demo.Someone, Demo.Now));
        Assert.False(_demo.Standard12.IsLocked);
    }

    [Fact]
    public void A_license_pool_ending_in_year_9999_is_refused_R12()
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            LicensePool.Assign(_demo.Msp, _demo.Wfbss, _demo.Wfbss.ServiceLevels[0].Id, LicenseType.Full, 10, Today, new DateOnly(9999, 12, 31)));

        Assert.Equal(nameof(LicensePool.EndsOn), refusal.Field);
    }
}
