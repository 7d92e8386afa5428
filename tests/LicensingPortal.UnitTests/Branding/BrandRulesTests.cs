using LicensingPortal.Domain.Branding;
using LicensingPortal.Domain.Common;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.Branding;

public sealed class BrandRulesTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;

    [Theory]
    [InlineData("#ffffff", 1.0)]
    [InlineData("#000000", 21.0)]
    [InlineData("#767676", 4.54)]
    [InlineData("#777777", 4.48)]
    [InlineData("#0d6efd", 4.5)]
    public void The_contrast_with_white_is_the_WCAG_ratio_R25(string colour, double expected) =>
        Assert.Equal(expected, BrandColour.ContrastWithWhite(colour), 2);

    [Theory]
    [InlineData("#767676")]
    [InlineData("#1A5276")]
    [InlineData(" #000000 ")]
    public void A_colour_white_text_is_readable_on_is_kept_in_lower_case_R25(string colour) =>
        Assert.Equal(colour.Trim().ToLowerInvariant(), BrandColour.Checked(colour));

    [Theory]
    [InlineData("#777777", "#777777 has a contrast of 4.48:1 with white text; at least 4.5:1 is needed.")]
    [InlineData("#8FBCD4", "#8fbcd4 has a contrast of 2.04:1 with white text; at least 4.5:1 is needed.")]
    [InlineData("#ffffff", "#ffffff has a contrast of 1:1 with white text; at least 4.5:1 is needed.")]
    public void A_colour_failing_WCAG_AA_is_refused_with_its_ratio_R25(string colour, string sentence)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => BrandColour.Checked(colour));
        Assert.Equal("R25", refusal.Code);
        Assert.StartsWith(sentence, refusal.Message, StringComparison.Ordinal);
        Assert.Equal("Colour", refusal.Field);
    }

    [Fact]
    public void A_failing_ratio_never_reads_as_the_minimum_R25() => Assert.Equal("4.49", BrandColour.Ratio(4.497));

    [Theory]
    [InlineData("")]
    [InlineData("1a5276")]
    [InlineData("#1a527")]
    [InlineData("#1a52766")]
    [InlineData("#1g5276")]
    [InlineData("red")]
    public void What_is_not_a_hex_colour_is_refused_R25(string colour) =>
        Assert.Contains("# and six hexadecimal digits", Assert.Throws<DomainRuleViolation>(() => BrandColour.Checked(colour)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("portal.msp.example", "portal.msp.example")]
    [InlineData(" Portal.MSP.Example. ", "portal.msp.example")]
    [InlineData("a-1.b2.example", "a-1.b2.example")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_host_name_is_a_lower_case_DNS_name_or_none_R25(string? value, string? expected) =>
        Assert.Equal(expected, BrandHostName.Checked(value));

    [Theory]
    [InlineData("localhost")]
    [InlineData("https://portal.msp.example")]
    [InlineData("portal.msp.example:8443")]
    [InlineData("portal.msp.example/path")]
    [InlineData("-portal.msp.example")]
    [InlineData("portal..example")]
    [InlineData("10.0.0.1")]
    [InlineData("pörtal.example")]
    public void What_is_not_a_DNS_name_is_refused_as_a_host_name_R25(string value) =>
        Assert.Equal("R25", Assert.Throws<DomainRuleViolation>(() => BrandHostName.Checked(value)).Code);

    [Fact]
    public void A_host_name_longer_than_DNS_allows_is_refused_R25() =>
        Assert.Throws<DomainRuleViolation>(() => BrandHostName.Checked(string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + ".example"));

    [Fact]
    public void A_brand_needs_a_display_name_of_limited_length_trimmed_R25()
    {
        Assert.Equal("Contoso IT", CompanyBrand.Create(Guid.NewGuid(), "  Contoso IT ", "#1a5276", null, Now).DisplayName);
        Assert.Equal("Display name is required.", Assert.Throws<DomainRuleViolation>(() => CompanyBrand.Create(Guid.NewGuid(), "  ", "#1a5276", null, Now)).Message);
        var tooLong = Assert.Throws<DomainRuleViolation>(() => CompanyBrand.Create(Guid.NewGuid(), new string('x', CompanyBrand.DisplayNameMaxLength + 1), "#1a5276", null, Now));
        Assert.Equal(("R25", "DisplayName"), (tooLong.Code, tooLong.Field));
    }

    [Fact]
    public void A_refused_update_leaves_the_brand_as_it_was_R25()
    {
        var brand = CompanyBrand.Create(Guid.NewGuid(), "Contoso IT", "#1a5276", "portal.contoso.example", Now);
        Assert.Throws<DomainRuleViolation>(() => brand.Update("Contoso", "#8fbcd4", null, Now));
        Assert.Equal(("Contoso IT", "#1a5276", "portal.contoso.example"), (brand.DisplayName, brand.Colour, brand.HostName));
    }

    [Fact]
    public void A_PNG_logo_is_known_by_its_signature_and_kept_with_its_type_R25()
    {
        var logo = BrandLogo.Checked(TestImages.Png(120, 40));
        Assert.Equal(BrandLogo.Png, logo.ContentType);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(4000, 10)]
    [InlineData(10, 2049)]
    public void A_PNG_logo_of_absurd_dimensions_is_refused_R25(int width, int height) =>
        Assert.Contains("pixels", Assert.Throws<DomainRuleViolation>(() => BrandLogo.Checked(TestImages.Png(width, height))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_PNG_signature_without_a_header_is_refused_R25() =>
        Assert.Contains("not a valid PNG", Assert.Throws<DomainRuleViolation>(() => BrandLogo.Checked(TestImages.Png(10, 10)[..20])).Message, StringComparison.Ordinal);

    [Fact]
    public void A_logo_over_the_size_limit_is_refused_R25()
    {
        var big = TestImages.Svg(TestImages.PlainSvg.Replace("<rect", "<!--" + new string('x', BrandLogo.MaxBytes) + "--><rect", StringComparison.Ordinal));
        Assert.Contains("at most 256 KB", Assert.Throws<DomainRuleViolation>(() => BrandLogo.Checked(big)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' })]
    [InlineData(new byte[] { (byte)'h', (byte)'i' })]
    public void A_logo_that_is_neither_PNG_nor_SVG_is_refused_R25(byte[] content) =>
        Assert.Equal("The logo must be a PNG or SVG file.", Assert.Throws<DomainRuleViolation>(() => BrandLogo.Checked(content)).Message);

    [Fact]
    public void A_plain_SVG_logo_is_accepted_R25()
    {
        Assert.Equal(BrandLogo.Svg, BrandLogo.Checked(TestImages.Svg(TestImages.PlainSvg)).ContentType);
        var withFragmentReferences = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
              <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><style>.a { fill: url(#g); }</style></defs>
              <rect class="a" width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/><text x="1" y="9">Contoso on call</text>
            </svg>
            """;
        Assert.Equal(BrandLogo.Svg, BrandLogo.Checked(TestImages.Svg(withFragmentReferences)).ContentType);
    }

    [Theory]
    [InlineData(TestImages.ScriptedSvg, "script element")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>""", "foreignObject")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>""", "event-handler attribute (onload on <svg>)")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="alert(1)"/></svg>""", "event-handler attribute (ONCLICK on <rect>)")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#x09;script:alert(1)"><rect/></a></svg>""", "javascript: link")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/p.png"/></svg>""", "outside itself (href=\"https://tracker.example/p.png\"")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>""", "outside itself")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url( 'https://x.example/a.svg#p')"/></svg>""", "url(...) in the style attribute of <rect>")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>""", "@import")]
    [InlineData("""<?xml-stylesheet href="https://x.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>""", "xml-stylesheet")]
    [InlineData("""<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>""", "not a well-formed SVG")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>""", "not a well-formed SVG")]
    [InlineData("""<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>""", "root element is not <svg>")]
    [InlineData("""<svg><rect/></svg>""", "root element is not <svg>")]
    public void An_SVG_logo_that_runs_or_fetches_anything_is_refused_saying_what_R25(string svg, string what)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => BrandLogo.Checked(TestImages.Svg(svg)));
        Assert.Equal(("R25", "Logo"), (refusal.Code, refusal.Field));
        Assert.Contains(what, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_logo_clears_it_and_there_must_be_one_R25()
    {
        var brand = CompanyBrand.Create(Guid.NewGuid(), "Contoso IT", "#1a5276", null, Now);
        Assert.Throws<DomainRuleViolation>(() => brand.RemoveLogo(Now));
        brand.ReplaceLogo(BrandLogo.Checked(TestImages.Png(10, 10)), Now);
        Assert.True(brand.HasLogo);
        brand.RemoveLogo(Now);
        Assert.Equal((null, null), (brand.Logo, brand.LogoContentType));
    }
}
