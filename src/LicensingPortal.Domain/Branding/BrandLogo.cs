using System.Buffers.Binary;
using System.Xml;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Branding;

/// <summary>
/// R25: a company's logo, PNG or SVG, at most <see cref="MaxBytes"/>. What the file is comes from its content, never
/// from its name or the type the browser claimed: a PNG by its signature and a header of sane dimensions, an SVG by
/// parsing it as XML and refusing anything that runs or fetches (script, foreignObject, on* handlers, javascript:,
/// outside references), naming what was found (docs/adr/0020-brand-colour-contrast-and-svg-logos.md). The logo is
/// also served with a content security policy that would stop a script anyway; the check is so a stored logo is
/// harmless wherever it ends up (an email, a download).
/// </summary>
public sealed record BrandLogo(byte[] Content, string ContentType)
{
    public const int MaxBytes = 256 * 1024;

    public const int MaxPixels = 2048;

    public const string Png = "image/png";

    public const string Svg = "image/svg+xml";

    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    private const string Field = "Logo";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The logo with its content type, or a refusal (R25) that says what is wrong with the file.</summary>
    public static BrandLogo Checked(byte[] content)
    {
        if (content.Length == 0)
        {
            throw Refusal("The logo file is empty.");
        }

        if (content.Length > MaxBytes)
        {
            throw Refusal($"The logo is {content.Length / 1024.0:0.#} KB; at most {MaxBytes / 1024} KB is allowed.");
        }

        if (content.AsSpan().StartsWith(PngSignature))
        {
            CheckPng(content);
            return new BrandLogo(content, Png);
        }

        if (LooksLikeXml(content))
        {
            CheckSvg(content);
            return new BrandLogo(content, Svg);
        }

        throw Refusal("The logo must be a PNG or SVG file.");
    }

    private static void CheckPng(byte[] content)
    {
        // The first chunk of every PNG is IHDR: length (13), "IHDR", width, height (big-endian).
        if (content.Length < 33 || !content.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw Refusal("The logo is not a valid PNG file: its header is missing.");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(20, 4));
        if (width is 0 or > MaxPixels || height is 0 or > MaxPixels)
        {
            throw Refusal($"The logo is {width} × {height} pixels; a PNG logo may be at most {MaxPixels} × {MaxPixels} pixels.");
        }
    }

    private static bool LooksLikeXml(byte[] content)
    {
        var start = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (start < content.Length && content[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        return start < content.Length && content[start] == (byte)'<';
    }

    private static void CheckSvg(byte[] content)
    {
        var settings = new XmlReaderSettings
        {
            // No DTD: no entity expansion ("billion laughs") and no outside entities.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes * 2,
            IgnoreComments = true,
        };

        var root = true;
        var inStyle = false;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.ProcessingInstruction when reader.Name.Equals("xml-stylesheet", StringComparison.OrdinalIgnoreCase):
                        throw Refusal("The SVG logo links a style sheet (xml-stylesheet); a logo must be self-contained. Remove it.");
                    case XmlNodeType.Element:
                        if (root && (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace))
                        {
                            throw Refusal("The logo is not an SVG image: its root element is not <svg> in the SVG namespace.");
                        }

                        root = false;
                        inStyle = reader.LocalName == "style" && !reader.IsEmptyElement;
                        CheckElement(reader);
                        break;
                    case XmlNodeType.EndElement:
                        inStyle = false;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when inStyle:
                        CheckCss(reader.Value, "a <style> element");
                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw Refusal($"The logo is not a well-formed SVG file (line {e.LineNumber}): {e.Message}");
        }

        if (root)
        {
            throw Refusal("The logo is not an SVG image: it has no <svg> element.");
        }
    }

    private static void CheckElement(XmlReader reader)
    {
        var name = reader.LocalName;
        if (name.Equals("script", StringComparison.OrdinalIgnoreCase))
        {
            throw Refusal("The SVG logo holds a script element; a logo may not run scripts. Remove the <script> and upload it again.");
        }

        if (name.Equals("foreignObject", StringComparison.OrdinalIgnoreCase))
        {
            throw Refusal("The SVG logo holds a foreignObject element, which can carry HTML and scripts. Remove it and upload it again.");
        }

        if (!reader.MoveToFirstAttribute())
        {
            return;
        }

        do
        {
            var attribute = reader.LocalName;
            var value = reader.Value;
            if (attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase) && reader.Prefix != "xmlns" && attribute != "xmlns")
            {
                throw Refusal($"The SVG logo has an event-handler attribute ({attribute} on <{name}>), which runs a script. Remove it and upload it again.");
            }

            if (Squeezed(value).Contains("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                throw Refusal($"The SVG logo holds a javascript: link ({attribute} on <{name}>). Remove it and upload it again.");
            }

            if (attribute.Equals("href", StringComparison.OrdinalIgnoreCase) && !value.TrimStart().StartsWith('#'))
            {
                throw Refusal($"The SVG logo refers to something outside itself ({attribute}=\"{Shortened(value)}\" on <{name}>); a logo must be self-contained: embed it or remove the reference.");
            }

            if (reader.Prefix != "xmlns" && attribute != "xmlns")
            {
                CheckCss(value, $"the {attribute} attribute of <{name}>");
            }
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
    }

    /// <summary>Style text may fetch too: @import and url(...) other than to a fragment of the logo itself.</summary>
    private static void CheckCss(string text, string where)
    {
        var squeezed = Squeezed(text);
        if (squeezed.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            throw Refusal($"The SVG logo holds a javascript: link in {where}. Remove it and upload it again.");
        }

        if (squeezed.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            throw Refusal($"The SVG logo imports a style sheet (@import in {where}); a logo must be self-contained. Remove it.");
        }

        var at = 0;
        while ((at = squeezed.IndexOf("url(", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            at += 4;
            var target = squeezed[at..].TrimStart('\'', '"');
            if (!target.StartsWith('#'))
            {
                throw Refusal($"The SVG logo refers to something outside itself (url(...) in {where}); a logo must be self-contained: embed it or remove the reference.");
            }
        }
    }

    /// <summary>Without white space or control characters, which browsers skip inside "java script:".</summary>
    private static string Squeezed(string value) => string.Concat(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)));

    private static string Shortened(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private static DomainRuleViolation Refusal(string message) => new("R25", message, Field);
}
