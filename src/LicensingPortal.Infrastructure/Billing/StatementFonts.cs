using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace LicensingPortal.Infrastructure.Billing;

/// <summary>
/// PDFsharp's fonts for the PDF statement: DejaVu Sans, regular and bold, embedded in this assembly
/// (Billing/Fonts, Bitstream Vera licence). PDFsharp 6 finds no fonts by itself on Linux, and a server or CI machine
/// may have none installed; with the font in the assembly every machine renders and measures the same text the same
/// way. PDFsharp keeps one resolver per process, set before its first font is made: <see cref="Register"/> sets this
/// one, once.
/// </summary>
internal sealed class StatementFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly StatementFonts Instance = new();
    private static readonly Lock Gate = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    public static void Register()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not StatementFonts)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    /// <summary>Every family the statement asks for is DejaVu Sans; italic is not used.</summary>
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, static face =>
    {
        using var resource = typeof(StatementFonts).Assembly.GetManifestResourceStream($"StatementFonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face}.ttf is not embedded in {typeof(StatementFonts).Assembly.GetName().Name}.");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    });
}
