using Verbatim.Check.Reports;
using Verbatim.Common.Verdicts;

namespace Verbatim.Tests.Check;

/// <summary>
/// <c>check</c> over every fixture: each broken one is not reproducible and blamed on exactly its variation (the random
/// one is flaky, with no culprit), the clean one is reproducible under every variation, and naming a single culprit
/// takes at most 2·log2(N)+2 builds.
/// </summary>
[Collection("sandbox")]
public sealed class FixtureCheckTests(FixtureChecks checks) : IClassFixture<FixtureChecks>
{
    public static TheoryData<string, string> Culprits => new()
    {
        { "build-date", "time" },
        { "build-path", "build_path" },
        { "cpu-count", "num_cpus" },
        { "file-order", "fileordering" },
        { "host-name", "domain_host" },
        { "kernel-release", "kernel" },
        { "locale", "locales" },
        { "time-zone", "timezone" },
        { "umask", "umask" },
        { "wheel-build-path", "build_path" },
    };

    [Theory]
    [MemberData(nameof(Culprits))]
    public void A_broken_fixture_is_blamed_on_exactly_its_variation(string fixture, string variation)
    {
        var result = checks[fixture];
        Assert.Equal(Verdict.NotReproducible, result.Verdict);
        Assert.False(result.Flaky, $"{fixture} is not flaky");
        Assert.True(result.Bisected);
        var culprit = Assert.Single(result.Culprits);
        Assert.Equal([variation], culprit.Variations);
        Assert.Equal(result.Differences, culprit.Differences);
        Assert.NotNull(result.Diff);
        Assert.Null(result.ExperimentFailure);

        var applied = result.Variations.Count(v => v.Applied);
        Assert.True(result.Builds <= (2 * Math.Log2(applied)) + 2, $"{result.Builds} builds for one culprit among {applied} variations");
    }

    [Fact]
    public void The_random_fixture_is_flaky_and_blames_no_variation()
    {
        var result = checks["random"];
        Assert.Equal(Verdict.NotReproducible, result.Verdict);
        Assert.True(result.Flaky);
        Assert.Equal(1, result.DifferingRuns);
        Assert.Equal(["dist/token.txt"], result.FlakyDifferences);
        Assert.Empty(result.Differences);
        Assert.Empty(result.Culprits);
        Assert.Equal(3, result.Builds);
    }

    [Fact]
    public void Runs_repeats_the_control_to_say_how_often_it_differs()
    {
        var result = FixtureChecks.Check("random", [], runs: 4);
        Assert.Equal(Verdict.NotReproducible, result.Verdict);
        Assert.Equal((4, 3, 4), (result.Runs, result.DifferingRuns, result.Builds));
        Assert.Null(result.Diff);
    }

    [Fact]
    public void The_clean_fixture_is_reproducible_under_every_variation()
    {
        var result = checks["clean"];
        Assert.Equal(Verdict.Reproducible, result.Verdict);
        Assert.Empty(result.Differences);
        Assert.Empty(result.FlakyDifferences);
        Assert.Equal(3, result.Builds);

        // Everything is applied on this machine (test.sh installs disorderfs and faketime) but exec_path, which says why not.
        var skipped = Assert.Single(result.Variations, v => !v.Applied);
        Assert.Equal("exec_path", skipped.Variation.Name);
        Assert.Contains("PATH", skipped.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_difference_keeps_its_causes_in_the_report()
    {
        var json = System.Text.Json.JsonDocument.Parse(CheckReportJson.Render(checks["locale"])).RootElement;
        Assert.Equal("verbatim-check/1", json.GetProperty("schema").GetString());
        Assert.Equal("not-reproducible", json.GetProperty("verdict").GetString());
        Assert.Equal("locales", json.GetProperty("culprits")[0].GetProperty("variations")[0].GetString());
        var diff = json.GetProperty("diff");
        Assert.Equal("verbatim-diff/1", diff.GetProperty("schema").GetString());
        Assert.Contains(diff.GetProperty("summary").GetProperty("causes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "locale-ordering");
    }

    [Fact]
    public void The_report_names_no_scratch_path()
    {
        foreach (var name in FixtureChecks.Names)
        {
            var text = CheckReportJson.Render(checks[name]);
            Assert.DoesNotContain("verbatim-check-", text.Replace("verbatim-check-elsewhere", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("/tmp/", text, StringComparison.Ordinal);
        }
    }
}
