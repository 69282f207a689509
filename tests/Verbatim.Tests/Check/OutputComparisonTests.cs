using System.Formats.Tar;
using Verbatim.Check.Builds;
using Verbatim.Check.Comparison;
using Xunit;

namespace Verbatim.Tests.Check;

public sealed class OutputComparisonTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("verbatim-outcmp-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task A_member_only_one_build_made_is_keyed_by_its_own_path()
    {
        var control = Outcome(1, "control", "53/old.debug");
        var other = Outcome(2, "experiment", "fd/new.debug");

        var comparison = await OutputComparison.CompareAsync(control, other, 1, CancellationToken.None);

        Assert.Contains("out.tar::53/old.debug", comparison.Keys);
        Assert.Contains("out.tar::fd/new.debug", comparison.Keys);
        Assert.DoesNotContain(".", comparison.Keys);
    }

    private BuildOutcome Outcome(int number, string label, string member)
    {
        var dir = Path.Combine(root, label);
        Directory.CreateDirectory(dir);
        using (var file = File.Create(Path.Combine(dir, "out.tar")))
        using (var tar = new TarWriter(file, TarEntryFormat.Ustar))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "same.txt") { DataStream = new MemoryStream("same\n"u8.ToArray()), ModificationTime = DateTimeOffset.UnixEpoch });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, member) { DataStream = new MemoryStream("debug\n"u8.ToArray()), ModificationTime = DateTimeOffset.UnixEpoch });
        }

        return new BuildOutcome(number, label, dir, TimeSpan.Zero, null, "");
    }
}
