using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests.Infrastructure;

/// <summary>Pages at phone width (390 px): nothing wider than the screen but the tables' own scroll containers (.table-responsive).</summary>
internal static class PhoneWidth
{
    public const int Pixels = 390;

    /// <summary>Takes the screenshot <paramref name="shot"/>, then fails when the page scrolls sideways or a table sticks out of its container.</summary>
    public static async Task AssertFitsAsync(IPage page, string what, string shot)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await BrowserPortal.ScreenshotAsync(page, shot);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"On a 390px-wide screen {what} is {overflow}px too wide: the page scrolls sideways.");
        var loose = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main table')].filter(t => !t.closest('.table-responsive, .visually-hidden') && t.getBoundingClientRect().right > window.innerWidth + 1).map(t => t.id || t.className)");
        Assert.True(loose.Length == 0, $"On a 390px-wide screen {what} has tables wider than the screen outside a scroll container: {string.Join(", ", loose)}.");
    }
}
