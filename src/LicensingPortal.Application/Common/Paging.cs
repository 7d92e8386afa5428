namespace LicensingPortal.Application.Common;

/// <summary>How many rows one page of a list may hold when the caller chooses (the API's <c>pageSize</c>); each list keeps its own default.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    /// <summary>The page size to use: the one asked for, within 1 and <see cref="MaxPageSize"/> (the API refuses others with 400 before this).</summary>
    public static int Size(int requested) => Math.Clamp(requested, 1, MaxPageSize);
}
