using Microsoft.Playwright;
using Verbatim.Server.Storage.Sqlite;
using Verbatim.Service.Contracts;
using Verbatim.Service.Tests.Support;

namespace Verbatim.Service.Tests.Dashboard;

/// <summary>
/// A seeded collection run through the real server and worker, then read in Debian's headless Chromium
/// (/usr/bin/chromium, driven by Playwright; never a downloaded browser): the percentages, the search, the diff report.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private SqliteStore? store;
    private TestService? service;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private CancellationTokenSource stop = new();
    private Task worker = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        store = new SqliteStore(Path.Combine(directory.Path, "dashboard.db"));
        service = await TestService.StartAsync(store);
        await service.Admin.CreateCollectionAsync(new CollectionCreate("bookworm", "noop", "a seeded collection"));
        await service.Admin.AddPackagesAsync("bookworm", new PackagesAdd(
        [
            new PackageAdd("base-files", "12.4", ["base"]),
            new PackageAdd("hello", "2.10-3", ["base"], """{"reference": "hello, built Tue Jan 10 2023 10:00:00\n", "rebuilt": "hello, built Mon Dec 01 2026 11:00:00\n"}"""),
            new PackageAdd("dash", "0.5.12-2"),
            new PackageAdd("zsh", "5.9-4", null, """{"durationMs": 600000}"""),
        ]));
        (worker, _) = await service.StartWorkerAsync("dashboard-worker", 4, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await service.Anonymous.CollectionAsync("bookworm")).Sections[0].Pending > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    [Fact]
    public async Task The_collection_page_shows_the_shares_of_each_section()
    {
        var page = await browser!.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false });
        await page.GotoAsync(service!.Url + "/collections/bookworm");
        async Task<string> Share(string section, string status) =>
            (await page.Locator($"#section-{section} td[data-status='{status}'] .share").TextContentAsync())!;

        Assert.Equal("50.0%", await Share("all", "reproducible"));
        Assert.Equal("25.0%", await Share("all", "not-reproducible"));
        Assert.Equal("25.0%", await Share("all", "pending"));
        Assert.Equal("0.0%", await Share("all", "failed"));
        Assert.Equal("50.0%", await Share("base", "reproducible"));
        Assert.Equal("50.0%", await Share("base", "not-reproducible"));
        Assert.Equal(3, await page.Locator("#section-all svg rect").CountAsync()); // segments: reproducible, not reproducible, pending
        Assert.Contains("timestamp", await page.Locator("#why").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_a_package_and_its_page_opens_the_diff_report()
    {
        var page = await browser!.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false });
        await page.GotoAsync(service!.Url + "/collections/bookworm");
        await page.FillAsync("input[name=q]", "hell");
        await page.ClickAsync("button[type=submit]");
        var rows = page.Locator("#packages tr td:first-child a");
        Assert.Equal(["hello"], await rows.AllTextContentsAsync());

        await rows.First.ClickAsync();
        Assert.Contains("/packages/noop/hello", page.Url, StringComparison.Ordinal);
        Assert.Contains("not reproducible", await page.Locator("table.results").TextContentAsync(), StringComparison.Ordinal);
        var attestation = await page.Locator("a[download]").First.GetAttributeAsync("href");
        Assert.StartsWith("/api/v1/results/", attestation, StringComparison.Ordinal);

        await page.ClickAsync("a.diff");
        Assert.Contains("/results/", page.Url, StringComparison.Ordinal);
        var report = await page.ContentAsync();
        Assert.Contains("2026", report, StringComparison.Ordinal);
        Assert.Contains("hello", report, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await worker;
        stop.Dispose();
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (service is not null)
        {
            await service.DisposeAsync();
        }

        if (store is not null)
        {
            await store.DisposeAsync();
        }

        directory.Dispose();
    }
}
