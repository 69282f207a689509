using System.Net;
using Verbatim.Server.Import;
using Verbatim.Server.Storage.Sqlite;
using Verbatim.Service.Contracts;
using Verbatim.Service.Tests.Support;

namespace Verbatim.Service.Tests.Import;

/// <summary>Importing a collection from a Debian index (as a mirror publishes it) or a name=version list, sections by priority.</summary>
public sealed class ImportTests : IDisposable
{
    private const string PackagesIndex = """
        Package: libc6
        Source: glibc (2.36-9+deb12u9)
        Version: 2.36-9+deb12u9
        Priority: required
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs.

        Package: libc-bin
        Source: glibc (2.36-9+deb12u9)
        Version: 2.36-9+deb12u9
        Priority: required

        Package: hello
        Version: 2.10-3
        Priority: optional

        Package: bash
        Version: 5.2.15-2+b7
        Source: bash (5.2.15-2)
        Priority: required
        """;

    private readonly TempDirectory directory = new();

    [Fact]
    public void A_packages_index_counts_each_binary_as_its_source_version()
    {
        var packages = PackageImport.Read("debian-packages", PackagesIndex);
        Assert.Equal(["glibc=2.36-9+deb12u9", "hello=2.10-3", "bash=5.2.15-2"], packages.Select(p => $"{p.Name}={p.Version}"));
        Assert.Equal(["required"], packages[0].Priorities);
    }

    [Fact]
    public void Bad_lines_are_named()
    {
        Assert.Equal("line 2: 'hello' is not name=version", Assert.Throws<FormatException>(() => PackageImport.Read("list", "a=1\nhello\n")).Message);
        Assert.Equal("line 1: the paragraph has no Package or no Version field", Assert.Throws<FormatException>(() => PackageImport.Read("debian-sources", "Package: x\n")).Message);
    }

    [Fact]
    public async Task An_import_through_the_api_puts_the_packages_of_the_given_priorities_in_the_section()
    {
        await using var store = new SqliteStore(Path.Combine(directory.Path, "import.db"));
        await using var service = await TestService.StartAsync(store);
        await service.Admin.CreateCollectionAsync(new CollectionCreate("bookworm-main", "debian"));
        var added = await service.Admin.ImportAsync("bookworm-main", "debian-packages", PackagesIndex, section: "base", priorities: "required,important");
        Assert.Equal(new PackagesAdded(3, 3, 0), added);
        var sections = (await service.Anonymous.CollectionAsync("bookworm-main")).Sections;
        Assert.Equal([("all", 3L), ("base", 2L)], sections.Select(s => (s.Section, s.Pending)));
        Assert.Equal(new PackagesAdded(1, 1, 0), await service.Admin.ImportAsync("bookworm-main", "list", "# one more\nzlib=1:1.2.13.dfsg-1\n"));

        var bad = await Assert.ThrowsAsync<VerbatimApiException>(() => service.Admin.ImportAsync("bookworm-main", "list", "zlib\n"));
        Assert.Equal((HttpStatusCode.BadRequest, "the list index: line 1: 'zlib' is not name=version"), (bad.Status, bad.Error));
    }

    public void Dispose() => directory.Dispose();
}
